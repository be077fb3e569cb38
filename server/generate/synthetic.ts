/**
 * A synthetic innovation ecosystem, deterministic for a seed, written as CSV files that
 * mappings/synthetic-ecosystem.yaml imports: regions (country, provinces, cities), fields, government
 * bodies (national, provincial, municipal) and their programmes, funds of funds, funds, labs,
 * universities, research institutes and enterprises. Relationships: funding chains from government
 * through funds of funds and funds to enterprises, grants from government bodies (through their
 * programmes) to labs, universities, institutes and enterprises, collaborations clustered by city,
 * province and field, supervision, incubation and lab membership. Degrees follow a power law (each
 * organisation has a Pareto "attractiveness" that weights how often it is picked); amounts are
 * lognormal; about 10 relationships per organisation unless a relationship count is asked for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvOut, Rng, Weighted } from './parts';

export { Rng } from './parts';

export interface GenerateOptions {
  orgs: number;
  seed: number;
  /** target number of relationships (default about 10 per organisation) */
  relationships?: number;
}

export interface GenerateResult {
  dir: string;
  orgs: number;
  seed: number;
  nodes: number;
  relationships: number;
  rows: number;
  byKind: Record<string, number>;
  byType: Record<string, number>;
  money: Record<string, number>;
}

const SYLLABLES = [
  'an',
  'bei',
  'chang',
  'da',
  'fu',
  'guang',
  'hai',
  'hua',
  'jin',
  'kang',
  'lan',
  'long',
  'ming',
  'nan',
  'ping',
  'qing',
  'rui',
  'shan',
  'tai',
  'tian',
  'wei',
  'xin',
  'ya',
  'yuan',
  'ze',
  'zhong',
  'bo',
  'dong',
  'feng',
  'he',
];
const FIELDS = [
  'Artificial Intelligence',
  'Biomedicine',
  'New Energy',
  'Advanced Materials',
  'Semiconductors',
  'Robotics',
  'Aerospace',
  'Marine Technology',
  'Quantum Information',
  'Agricultural Technology',
  'Environmental Technology',
  'High-end Equipment',
  'Digital Economy',
  'Intelligent Vehicles',
  'Life Sciences',
  'Photonics',
  'Blockchain',
  'Smart Manufacturing',
  'Medical Devices',
  'Hydrogen Energy',
  'Biomanufacturing',
  'Cybersecurity',
  'Big Data',
  'Industrial Internet',
];
const ENTERPRISE_WORDS = [
  'Technology',
  'Intelligent',
  'Innovation',
  'Smart',
  'Precision',
  'Advanced',
  'Digital',
  'Future',
];
const ENTERPRISE_SUFFIX = ['Co., Ltd.', 'Group', 'Technologies', 'Inc.', 'Holdings'];
const CURRENCIES: [string, number][] = [
  ['CNY', 0.9],
  ['USD', 0.07],
  ['EUR', 0.03],
];

type Kind = 'GovernmentBody' | 'Fund' | 'Lab' | 'University' | 'ResearchInstitute' | 'Enterprise';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Writes a synthetic ecosystem into `dir` (created if needed) and returns what it wrote. */
export function generateEcosystem(dir: string, options: GenerateOptions): GenerateResult {
  const N = Math.max(20, Math.floor(options.orgs));
  const target = Math.max(N * 3, Math.floor(options.relationships ?? N * 10));
  const rng = new Rng(options.seed);
  mkdirSync(dir, { recursive: true });
  const byType: Record<string, number> = {};
  const money: Record<string, number> = {};
  const count = (t: string) => (byType[t] = (byType[t] ?? 0) + 1);

  // ---------------------------------------------------------------- regions and fields
  const regions = new CsvOut(join(dir, 'regions.csv'), ['region_id', 'name', 'level', 'parent_id']);
  const usedNames = new Set<string>();
  const placeName = () => {
    for (;;) {
      const n = cap(rng.pick(SYLLABLES) + rng.pick(SYLLABLES));
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
      if (usedNames.size > 800) return `${n} ${usedNames.size}`;
    }
  };
  regions.row(['cn', 'Synthetic Country', 'country', '']);
  const provinces = Math.max(2, Math.min(30, Math.round(Math.sqrt(N) / 6)));
  const citiesPer = Math.max(2, Math.min(12, Math.round(Math.sqrt(N) / 20)));
  const cityIds: string[] = [];
  const cityNames: string[] = [];
  const cityProvince: number[] = [];
  const provinceIds: string[] = [];
  const provinceNames: string[] = [];
  for (let p = 0; p < provinces; p++) {
    const id = `prov-${p}`;
    provinceIds.push(id);
    provinceNames.push(`${placeName()} Province`);
    regions.row([id, provinceNames[p]!, 'province', 'cn']);
    count('PART_OF');
    for (let c = 0; c < citiesPer; c++) {
      const cid = `city-${p}-${c}`;
      cityIds.push(cid);
      cityNames.push(`${placeName()} City`);
      cityProvince.push(p);
      regions.row([cid, cityNames[cityNames.length - 1]!, 'city', id]);
      count('PART_OF');
    }
  }
  regions.close();
  const fields = new CsvOut(join(dir, 'fields.csv'), ['field_id', 'name']);
  FIELDS.forEach((f, i) => fields.row([`field-${i}`, f]));
  fields.close();

  // ---------------------------------------------------------------- organisations
  const kinds: Kind[] = [];
  const govs: number[] = [];
  // Government: one national body, one per province, one per city (at most 5 % of the organisations).
  const govCount = Math.min(1 + provinces + cityIds.length, Math.max(3, Math.floor(N * 0.05)));
  const share = (p: number) => Math.max(1, Math.round(N * p));
  const plan: [Kind, number][] = [
    ['GovernmentBody', govCount],
    ['Fund', share(0.005)], // funds of funds
    ['Fund', share(0.04)],
    ['Lab', share(0.06)],
    ['University', share(0.03)],
    ['ResearchInstitute', share(0.02)],
  ];
  const planned = plan.reduce((s, [, n]) => s + n, 0);
  plan.push(['Enterprise', Math.max(1, N - planned)]);
  const fofFrom = govCount;
  const fundFrom = fofFrom + plan[1]![1];
  const total = plan.reduce((s, [, n]) => s + n, 0);
  const city = new Int32Array(total);
  const field = new Int32Array(total);
  const weight = new Float64Array(total);
  const level: string[] = [];
  const cityWeights = cityIds.map((_, i) => 1 / Math.pow(i + 1, 0.8));
  const cityPicker = new Weighted(Int32Array.from(cityIds.keys()), (i) => cityWeights[i]!);
  const fieldPicker = new Weighted(Int32Array.from(FIELDS.keys()), (i) => 1 / Math.pow(i + 1, 0.6));

  const orgs = new CsvOut(join(dir, 'orgs.csv'), [
    'org_id',
    'kind',
    'name',
    'region_id',
    'field_id',
    'founded',
    'subtype',
  ]);
  let i = 0;
  for (const [k, n] of plan)
    for (let j = 0; j < n; j++, i++) {
      kinds.push(k);
      let regionId: string;
      let subtype = '';
      let name: string;
      if (k === 'GovernmentBody') {
        govs.push(i);
        field[i] = fieldPicker.pick(rng);
        if (i === 0) {
          regionId = 'cn';
          subtype = 'national';
          name = 'Ministry of Science and Technology';
          city[i] = -1;
        } else if (i <= provinces) {
          regionId = provinceIds[i - 1]!;
          subtype = 'provincial';
          name = `Department of Science and Technology of ${provinceNames[i - 1]!}`;
          city[i] = -1 - i;
        } else {
          const c = (i - 1 - provinces) % cityIds.length;
          regionId = cityIds[c]!;
          subtype = 'municipal';
          name = `Science and Technology Bureau of ${cityNames[c]!}`;
          city[i] = c;
        }
      } else {
        const c = cityPicker.pick(rng);
        city[i] = c;
        regionId = cityIds[c]!;
        const place = cap(rng.pick(SYLLABLES) + rng.pick(SYLLABLES));
        field[i] = fieldPicker.pick(rng);
        if (k === 'Fund') {
          const fof = i < fundFrom;
          subtype = fof ? 'fund_of_funds' : rng.pick(['venture', 'venture', 'angel', 'seed', 'industry', 'guidance']);
          name = `${place} ${fof ? 'Fund of Funds' : `${cap(subtype.replace('_', ' '))} Fund`} ${j + 1}`;
        } else if (k === 'Lab') {
          subtype = rng.pick([
            'provincial_lab',
            'municipal_lab',
            'research_platform',
            'enterprise_lab',
            'national_lab',
          ]);
          name = `${place} ${FIELDS[field[i]!]!} Laboratory ${j + 1}`;
        } else if (k === 'University') name = `${place} University of Technology ${j + 1}`;
        else if (k === 'ResearchInstitute') name = `${place} Institute of ${FIELDS[field[i]!]!} ${j + 1}`;
        else {
          subtype = rng.pick(['private', 'private', 'private', 'state', 'mixed', 'foreign']);
          name = `${place} ${rng.pick(ENTERPRISE_WORDS)} ${rng.pick(ENTERPRISE_SUFFIX)} ${j + 1}`;
        }
      }
      weight[i] = rng.pareto(k === 'Enterprise' ? 1.6 : 1.3);
      level.push(subtype);
      const founded = k === 'Enterprise' ? 1990 + rng.int(35) : k === 'Fund' ? 2005 + rng.int(20) : 1950 + rng.int(70);
      orgs.row([`org-${i}`, k, name, regionId, `field-${field[i]}`, k === 'GovernmentBody' ? '' : founded, subtype]);
      count('LOCATED_IN');
      count('FOCUSES_ON');
    }
  orgs.close();

  // ---------------------------------------------------------------- programmes of the government bodies
  const programs = new CsvOut(join(dir, 'programs.csv'), ['program_id', 'name', 'owner_id', 'field_id']);
  const govProgram = new Map<number, string[]>();
  let programCount = 0;
  for (const g of govs) {
    const n = 1 + rng.int(3);
    const list: string[] = [];
    for (let p = 0; p < n; p++) {
      const id = `prog-${programCount++}`;
      const f = fieldPicker.pick(rng);
      programs.row([id, `${FIELDS[f]} Programme ${p + 1} of org-${g}`, `org-${g}`, `field-${f}`]);
      count('MANAGES');
      list.push(id);
    }
    govProgram.set(g, list);
  }
  programs.close();

  // ---------------------------------------------------------------- pickers
  const ids = (pred: (k: Kind, i: number) => boolean) =>
    Int32Array.from(kinds.keys()).filter((x) => pred(kinds[x]!, x));
  const byWeight = (list: Int32Array) => new Weighted(list, (x) => weight[x]!);
  const enterprises = ids((k) => k === 'Enterprise');
  const research = ids((k) => k === 'Lab' || k === 'University' || k === 'ResearchInstitute');
  const grantees = ids((k) => k !== 'GovernmentBody' && k !== 'Fund');
  const fofs = ids((_k, x) => x >= fofFrom && x < fundFrom);
  const funds = ids((k, x) => k === 'Fund' && x >= fundFrom);
  const collaborators = grantees;
  const pickAll = {
    enterprise: byWeight(enterprises),
    grantee: byWeight(grantees),
    fund: byWeight(funds),
    fof: byWeight(fofs),
    research: byWeight(research),
    gov: byWeight(Int32Array.from(govs)),
  };
  const provinceOf = (x: number) => (city[x]! >= 0 ? cityProvince[city[x]!]! : city[x] === -1 ? -1 : -city[x]! - 2);
  // Local pickers: by city, by province, by city and field.
  const group = (list: Int32Array, key: (x: number) => number) => {
    const m = new Map<number, number[]>();
    for (const x of list) {
      const k = key(x);
      const g = m.get(k);
      if (g) g.push(x);
      else m.set(k, [x]);
    }
    return new Map([...m].map(([k, v]) => [k, byWeight(Int32Array.from(v))]));
  };
  const granteesByProvince = group(grantees, provinceOf);
  const granteesByCity = group(grantees, (x) => city[x]!);
  const enterprisesByProvince = group(enterprises, provinceOf);
  const collabByCityField = group(collaborators, (x) => city[x]! * 1000 + field[x]!);
  const collabByProvince = group(collaborators, provinceOf);

  const currency = () => {
    let x = rng.next();
    for (const [c, p] of CURRENCIES) {
      if (x < p) return c;
      x -= p;
    }
    return 'CNY';
  };
  const rateOf: Record<string, number> = { CNY: 1, USD: 7, EUR: 7.8 };

  // ---------------------------------------------------------------- budget
  const structural =
    (byType.PART_OF ?? 0) + (byType.LOCATED_IN ?? 0) + (byType.FOCUSES_ON ?? 0) + (byType.MANAGES ?? 0);
  const rest = Math.max(0, target - structural);
  const budget = {
    chain: Math.round(rest * 0.06), // government → funds of funds → funds
    equity: Math.round(rest * 0.16), // funds → enterprises
    grants: Math.round(rest * 0.33), // government → grantees
    collab: Math.round(rest * 0.4),
    other: 0,
  };
  budget.other = rest - budget.chain - budget.equity - budget.grants - budget.collab;

  const flows = new CsvOut(join(dir, 'funding.csv'), [
    'flow_id',
    'type',
    'from_id',
    'to_id',
    'amount',
    'currency',
    'year',
    'instrument',
    'program_id',
  ]);
  let flowId = 0;
  const flow = (
    type: 'FUNDS' | 'INVESTS_IN',
    from: number,
    to: number,
    median: number,
    sigma: number,
    instrument: string,
    program = '',
  ) => {
    const cur = currency();
    const amount = Math.max(1000, Math.round(rng.lognormal(median / rateOf[cur]!, sigma)));
    money[cur] = (money[cur] ?? 0) + amount;
    flows.row([
      `flow-${flowId++}`,
      type,
      `org-${from}`,
      `org-${to}`,
      amount,
      cur,
      2015 + rng.int(10),
      instrument,
      program,
    ]);
    count(type);
  };
  const localOr = (map: Map<number, Weighted>, key: number, fallback: Weighted, p: number): Weighted =>
    rng.chance(p) ? (map.get(key) ?? fallback) : fallback;

  // Funding chains: government → funds of funds → funds (fund investment, guidance).
  for (let n = 0; n < budget.chain; n++) {
    if (n % 2 === 0 && fofs.length > 0) {
      const fof = pickAll.fof.pick(rng);
      const gov = govs.find((g) => provinceOf(g) === provinceOf(fof) && rng.chance(0.5)) ?? pickAll.gov.pick(rng);
      flow('INVESTS_IN', gov, fof, 500_000_000, 1.0, 'fund_investment');
    } else {
      const fund = pickAll.fund.pick(rng);
      const lp = fofs.length > 0 && rng.chance(0.8) ? pickAll.fof.pick(rng) : pickAll.gov.pick(rng);
      flow('INVESTS_IN', lp, fund, 100_000_000, 1.0, 'fund_investment');
    }
  }
  // Funds → enterprises: equity, 60 % in the fund's province.
  for (let n = 0; n < budget.equity; n++) {
    const fund = pickAll.fund.pick(rng);
    const e = localOr(enterprisesByProvince, provinceOf(fund), pickAll.enterprise, 0.6).pick(rng);
    flow('INVESTS_IN', fund, e, 20_000_000, 1.3, 'equity');
  }
  // Government grants through programmes to labs, universities, institutes, enterprises in their jurisdiction.
  const instruments = ['grant', 'grant', 'subsidy', 'special_project_support', 'reward', 'matching'];
  for (let n = 0; n < budget.grants; n++) {
    const gov = pickAll.gov.pick(rng);
    const lvl = level[gov];
    const picker =
      lvl === 'national'
        ? pickAll.grantee
        : lvl === 'provincial'
          ? localOr(granteesByProvince, provinceOf(gov), pickAll.grantee, 0.9)
          : localOr(granteesByCity, city[gov]!, pickAll.grantee, 0.85);
    const to = picker.pick(rng);
    const progs = govProgram.get(gov)!;
    flow('FUNDS', gov, to, 2_000_000, 1.2, rng.pick(instruments), rng.chance(0.7) ? rng.pick(progs) : '');
  }
  flows.close();

  // Collaborations: 65 % same city and field, 20 % same province, 15 % anywhere.
  const collabs = new CsvOut(join(dir, 'collaborations.csv'), ['collab_id', 'a_id', 'b_id', 'year', 'mode']);
  const modes = ['joint_research', 'joint_research', 'consortium', 'coordination', 'dual_employment'];
  for (let n = 0; n < budget.collab; n++) {
    const a = pickAll.grantee.pick(rng);
    const r = rng.next();
    const picker =
      r < 0.65
        ? (collabByCityField.get(city[a]! * 1000 + field[a]!) ?? pickAll.grantee)
        : r < 0.85
          ? (collabByProvince.get(provinceOf(a)) ?? pickAll.grantee)
          : pickAll.grantee;
    let b = picker.pick(rng);
    if (b === a) b = pickAll.grantee.pick(rng);
    if (b === a) continue;
    collabs.row([`collab-${n}`, `org-${a}`, `org-${b}`, 2015 + rng.int(10), rng.pick(modes)]);
    count('COLLABORATES_WITH');
  }
  collabs.close();

  // Other links: government supervises labs, universities incubate enterprises, labs belong to universities.
  const links = new CsvOut(join(dir, 'links.csv'), ['link_id', 'type', 'from_id', 'to_id']);
  const univs = ids((k) => k === 'University');
  const univPicker = byWeight(univs);
  const labs = ids((k) => k === 'Lab');
  for (let n = 0; n < budget.other; n++) {
    const r = rng.next();
    if (r < 0.35 && labs.length > 0) {
      const lab = labs[rng.int(labs.length)]!;
      const gov = govs.find((g) => provinceOf(g) === provinceOf(lab) && rng.chance(0.5)) ?? govs[0]!;
      links.row([`link-${n}`, 'SUPERVISES', `org-${gov}`, `org-${lab}`]);
      count('SUPERVISES');
    } else if (r < 0.75 && univs.length > 0) {
      links.row([`link-${n}`, 'INCUBATES', `org-${univPicker.pick(rng)}`, `org-${pickAll.enterprise.pick(rng)}`]);
      count('INCUBATES');
    } else if (labs.length > 0 && univs.length > 0) {
      links.row([`link-${n}`, 'PART_OF', `org-${labs[rng.int(labs.length)]!}`, `org-${univPicker.pick(rng)}`]);
      count('PART_OF');
    }
  }
  links.close();

  const byKind: Record<string, number> = {
    Region: 1 + provinces + cityIds.length,
    Field: FIELDS.length,
    Program: programCount,
  };
  for (const k of kinds) byKind[k] = (byKind[k] ?? 0) + 1;
  const relationships = Object.values(byType).reduce((s, n) => s + n, 0);
  const nodes = Object.values(byKind).reduce((s, n) => s + n, 0);
  const result: GenerateResult = {
    dir,
    orgs: total,
    seed: options.seed,
    nodes,
    relationships,
    rows: regions.rows + fields.rows + orgs.rows + programs.rows + flows.rows + collabs.rows + links.rows,
    byKind,
    byType,
    money,
  };
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ generator: 'innograph synthetic ecosystem', ...result, dir: undefined }, null, 2) + '\n',
  );
  return result;
}

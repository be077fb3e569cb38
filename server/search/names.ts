/**
 * How search reads a name, written once for both stores (SEMANTICS.md, search): normalised tokens,
 * abbreviations folded onto one canonical word ("univ" → "university"), stop words, legal prefixes
 * ("Regents of") and legal forms ("Inc") that a query need not match, and the acronyms of an
 * organisation's name ("University of California-Berkeley" → "UCB", "UC Berkeley"), computed when a
 * node is stored.
 */

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK_RE = new RegExp(`[${CJK}]`, 'u');
const TOKEN_RE = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}])+`, 'gu');

/** NFKD, combining marks removed, lower case ("Jïnfeng" → "jinfeng", full-width → ASCII). */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when the text holds a Chinese, Japanese or Korean character. */
export const isCjk = (text: string): boolean => CJK_RE.test(text);

/** The normalised tokens of a text: Latin (and other alphabetic) words, and whole runs of CJK characters. */
export function textTokens(text: string): string[] {
  return normalizeText(text).match(TOKEN_RE) ?? [];
}

/** Words that never have to match (a query of nothing else finds nothing). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'of',
  'the',
  'and',
  'at',
  'for',
  'in',
  'on',
  'de',
  'del',
  'la',
  'des',
  'du',
]);

/** Legal forms and designations: optional in a query and in a name (a query of only such words must match them). */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'incorporated',
  'llc',
  'limited',
  'corporation',
  'company',
  'plc',
  'gmbh',
  'lp',
  'llp',
  'pllc',
  'pbc',
  // the designation of a principal campus ("Texas A&M University Main Campus")
  'main',
  'campus',
]);

/** Legal prefixes of a name, after stop words are dropped ("Regents of the …", "Trustees of …"). */
const LEGAL_PREFIXES: readonly (readonly string[])[] = [
  ['board', 'regents'],
  ['board', 'trustees'],
  ['board', 'governors'],
  ['president', 'fellows'],
  ['rector', 'visitors'],
  ['regents'],
  ['trustees'],
];

/**
 * Abbreviations and variants, each folded onto its canonical word: a query word and a name word match
 * when their canonical words are equal.
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  university: ['univ', 'univer'],
  institute: ['inst', 'instit'],
  technology: ['tech', 'techn', 'technol', 'technological', 'technologies'],
  department: ['dept'],
  national: ['natl'],
  international: ['intl'],
  association: ['assoc', 'assn'],
  corporation: ['corp'],
  incorporated: ['inc'],
  company: ['co'],
  limited: ['ltd'],
  center: ['ctr', 'cntr', 'centre', 'centers', 'centres'],
  laboratory: ['lab', 'labs', 'laboratories'],
  science: ['sci', 'sciences'],
  engineering: ['eng', 'engr', 'engg'],
  college: ['coll'],
  foundation: ['fdn', 'fndn'],
  government: ['govt'],
  management: ['mgmt'],
  manufacturing: ['mfg'],
  hospital: ['hosp'],
  division: ['div', 'divn'],
  saint: ['st'],
  mount: ['mt'],
  fort: ['ft'],
  society: ['soc'],
  mathematics: ['math', 'maths'],
  polytechnic: ['poly', 'polytech'],
  agricultural: ['agric'],
  school: ['sch'],
  system: ['sys', 'systems'],
  services: ['svcs', 'svc'],
  medical: ['med'],
  committee: ['cttee'],
  commission: ['commn'],
  environmental: ['environ'],
  information: ['info'],
};

const CANONICAL = new Map<string, string>();
for (const [canon, variants] of Object.entries(ABBREVIATIONS)) {
  CANONICAL.set(canon, canon);
  for (const v of variants) CANONICAL.set(v, canon);
}

/** The canonical form of a normalised word ("univ" → "university"); the word itself when it has none. */
export const canonical = (word: string): string => CANONICAL.get(word) ?? word;

/** Every word with the same canonical form as `word` (itself included), for index look-ups. */
export function variants(word: string): string[] {
  const canon = canonical(word);
  const list = ABBREVIATIONS[canon];
  return [...new Set([word, canon, ...(list ?? [])])];
}

/** One word of a name or query: as written (normalised), canonical, and whether it must match. */
export interface NameWord {
  raw: string;
  canon: string;
  core: boolean;
}

/**
 * A name or query as words: stop words, a legal prefix and legal forms are not core. When nothing
 * would be core, legal forms and the legal prefix are (stop words never are).
 */
export function nameWords(text: string): NameWord[] {
  const tokens = textTokens(text);
  const words = tokens.map((raw) => ({ raw, canon: canonical(raw), core: !STOP_WORDS.has(raw) }));
  const kept = words.filter((w) => w.core);
  const prefix = LEGAL_PREFIXES.find((p) => p.length < kept.length && p.every((t, i) => kept[i]!.canon === t));
  if (prefix) for (let i = 0; i < prefix.length; i++) kept[i]!.core = false;
  for (const w of kept) if (LEGAL_FORMS.has(w.canon)) w.core = false;
  if (!words.some((w) => w.core)) for (const w of kept) w.core = true;
  return words;
}

// ---------------------------------------------------------------- acronyms

const WORD_RE = /[\p{L}\p{N}]+/gu;
/** Where a name splits into parts: hyphens and dashes, commas, colons, slashes, brackets, " at ". */
const PART_SPLIT = /\s*[-\u2010-\u2015,:;/()]\s*|\s+at\s+/iu;
const MAX_ACRONYMS = 6;

/** The words of a part of a name that an acronym takes the initials of (not stop words, nor legal forms at its end). */
function significant(part: string): string[] {
  const words = (part.match(WORD_RE) ?? []).filter((w) => !STOP_WORDS.has(normalizeText(w)));
  while (words.length > 0 && LEGAL_FORMS.has(canonical(normalizeText(words[words.length - 1]!)))) words.pop();
  return words;
}

const initials = (words: string[]): string => words.map((w) => normalizeText(w).charAt(0).toUpperCase()).join('');

/**
 * The acronyms of a name: the initials of its significant words (at least 3: "MIT", "UCB"), and for a
 * name in parts whose first part has 2+ significant words, that part as initials and the others whole
 * ("UC Berkeley", "UT Austin"). A legal prefix is left out ("Regents of the University of Michigan" → "UM" is
 * too short, so none); names with CJK characters have none.
 */
export function acronymsOf(name: string): string[] {
  if (isCjk(name)) return [];
  const words = nameWords(name);
  // drop the legal prefix: the name from its first core word on
  const first = words.findIndex((w) => w.core);
  if (first < 0) return [];
  const tokens = textTokens(name);
  let text = name;
  if (first > 0) {
    // cut the text after the first `first` tokens (found in order, case-insensitively)
    let at = 0;
    const norm = normalizeText(name);
    for (let i = 0; i < first; i++) at = norm.indexOf(tokens[i]!, at) + tokens[i]!.length;
    text = name.slice(at);
  }
  const parts = text
    .split(PART_SPLIT)
    .map((p) => significant(p))
    .filter((p) => p.length > 0);
  const out: string[] = [];
  const all = parts.flat();
  if (all.length >= 3) out.push(initials(all));
  if (parts.length >= 2 && parts[0]!.length >= 2)
    out.push([initials(parts[0]!), ...parts.slice(1).map((p) => p.join(' '))].join(' '));
  const own = textTokens(name).join(' ');
  return [...new Set(out)].filter((a) => textTokens(a).join(' ') !== own).slice(0, MAX_ACRONYMS);
}

const ORG_KINDS: ReadonlySet<string> = new Set([
  'Lab',
  'Enterprise',
  'University',
  'ResearchInstitute',
  'Fund',
  'GovernmentBody',
]);

/** The acronyms stored with a node: those of its name for an organisation, none for other kinds. */
export const searchAcronyms = (kind: string, name: string): string[] => (ORG_KINDS.has(kind) ? acronymsOf(name) : []);

/**
 * The names of a node as the Neo4j full-text index `entity_search` reads them: its name and aliases
 * normalised and split into the words ranking sees (accents and full width folded, "Xi'an" → "xi an"),
 * each joined by spaces, without repeats; so that Lucene's standard tokenizer finds exactly the words
 * of server/store/rank.ts.
 */
export function searchNamesOf(name: string, aliases: readonly string[] = []): string[] {
  return [...new Set([name, ...aliases].map((t) => textTokens(t).join(' ')).filter((t) => t.length > 0))];
}

/** The words "did you mean" looks for: the query's distinct words without stop words (all of them if none is left), at most 12. */
export function nearbyWords(query: string): string[] {
  const words = [...new Set(textTokens(query))];
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return (kept.length > 0 ? kept : words).slice(0, 12);
}

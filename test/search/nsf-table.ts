/**
 * Real-name queries on the NSF 2017 awards (../shared/realdata/nsf-awards-2017), each with the entity a
 * user means: how people type names (abbreviations, legal names, word order, punctuation, acronyms,
 * typos), checked on both stores by test/search/nsf-names.test.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
export const NSF_MAPPING = join(ROOT, 'mappings/nsf-awards-2017.yaml');
/** The full data set: NSF_DATA_DIR, else ../shared/realdata/nsf-awards-2017 as in CI. */
export const NSF_FULL = process.env.NSF_DATA_DIR ?? join(ROOT, '../shared/realdata/nsf-awards-2017');
export const HAS_NSF_FULL = existsSync(join(NSF_FULL, 'awards.csv'));
// CI has ../shared: there the full data set must run, never skip
if (!HAS_NSF_FULL && process.env.CI === 'true')
  throw new Error(`CI=true and the full NSF data set is missing: no ${join(NSF_FULL, 'awards.csv')}`);

const UMICH = 'inst-33042925fb25';
const MIT = 'inst-3da217e75e0b';
const UCB = 'inst-8d9a919385b6';
const TAMU = 'inst-a0e227a6be0c';
const CMU = 'inst-c8ac4da34e5d';
const UT_AUSTIN = 'inst-6dce1e8a135e';
const UIUC = 'inst-44c38fafd95e';

/** [query, id of the expected first hit] */
export const NSF_QUERIES: readonly (readonly [string, string])[] = [
  // the examples
  ['univ of michigan', UMICH],
  ['Regents of the University of Michigan', UMICH],
  ['university michigan', UMICH],
  ['MIT', MIT],
  ['UC Berkeley', UCB],
  ['Texas A&M', TAMU],
  // abbreviations and expansions
  ['Univ. of Michigan Ann Arbor', UMICH],
  ['University of Michigan', UMICH],
  ['massachusetts inst of tech', MIT],
  ['Massachusetts Institute of Technology', MIT],
  ['Carnegie Mellon Univ', CMU],
  ['univ of texas at austin', UT_AUSTIN],
  ['Rochester Institute of Technology', 'inst-aeaf334a4962'],
  ['rochester inst of tech', 'inst-aeaf334a4962'],
  ['Mathematical Sciences Research Inst', 'inst-0ae692b2b2f6'],
  ['Intl Computer Science Institute', 'inst-e47b3cffd432'],
  ['Univ Corp for Atmospheric Res', 'inst-7fddcbdb99a0'],
  ['Georgia Tech Research Corp', 'inst-4021b34b4bd2'],
  ['Woods Hole Oceanographic Inst', 'inst-52930958369a'],
  ['natl science foundation', 'nsf'],
  ['Pennsylvania State University', 'inst-71bd28659431'],
  ['Stanford Univ', 'inst-f10a464b2f9c'],
  // legal names and prefixes, stop words
  ['Trustees of Boston University', 'inst-7df8ffc37e0e'],
  ['boston university', 'inst-7df8ffc37e0e'],
  ['The Ohio State University', 'inst-7bdb1a3486fd'],
  ['Regents of the University of Minnesota', 'inst-e31f2074cb41'],
  ['University of Virginia', 'inst-40f5b1600214'],
  // word order, punctuation, hyphens
  ['michigan univ ann arbor', UMICH],
  ['Ann Arbor University of Michigan', UMICH],
  ['Carnegie-Mellon University', CMU],
  ['carnegie mellon', CMU],
  ['University of California Berkeley', UCB],
  ['berkeley university of california', UCB],
  ['University of Wisconsin Madison', 'inst-ffd0061bfcd7'],
  ['University of Illinois Urbana Champaign', UIUC],
  ['Texas A and M University', TAMU],
  ['texas a&m university', TAMU],
  ['Texas A&M Commerce', 'inst-4d780a15f40d'],
  ['Texas A&M Kingsville', 'inst-9cf763d95f34'],
  // acronyms computed at import
  ['UCB', UCB],
  ['UCLA', 'inst-dc944daa7f76'],
  ['UC Davis', 'inst-f53dfb5fcccc'],
  ['UC San Diego', 'inst-dbaeb9ec1729'],
  ['UCSD', 'inst-dbaeb9ec1729'],
  ['UC Santa Barbara', 'inst-1fc0e1e6abff'],
  ['CMU', CMU],
  ['UT Austin', UT_AUSTIN],
  ['UIUC', UIUC],
  ['TAMU', TAMU],
  ['WHOI', 'inst-52930958369a'],
  ['UCAR', 'inst-7fddcbdb99a0'],
  ['NSF', 'nsf'],
  // importance: the main campus, the university over namesakes
  ['berkeley', UCB],
  ['Rutgers', 'inst-e313a7ed220c'],
  ['Johns Hopkins', 'inst-66f3543a541d'],
  ['Harvard', 'inst-9b4437e0226c'],
  ['Stanford', 'inst-f10a464b2f9c'],
  // typos
  ['univeristy of michgan', UMICH],
  ['Massachusets Institute of Technolgy', MIT],
  ['carnegie melon', CMU],
];

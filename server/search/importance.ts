/**
 * What an entity weighs in the graph, for search ranking (SEMANTICS.md, search): points for its kind,
 * its degree and the money it received or gave, 0 to 100, added to the text score within a match tier.
 * Both stores feed it the same figures: degree = outgoing + incoming relationships (a self-loop counts
 * in both), money = the sum of |amount| over its FUNDS and INVESTS_IN relationships, both directions,
 * whatever the currency.
 */
import type { NodeKind } from '../model/model';

/** Points for the kind: organisations first, then places, programmes, fields; people and documents none. */
export const KIND_POINTS: Readonly<Record<NodeKind, number>> = {
  University: 10,
  ResearchInstitute: 10,
  Lab: 10,
  Enterprise: 10,
  Fund: 10,
  GovernmentBody: 10,
  Region: 8,
  Zone: 8,
  Program: 4,
  Field: 2,
  Person: 0,
  Source: 0,
  Indicator: 0,
  Deal: 4,
};

/** The most importance can add to a text score. */
export const MAX_IMPORTANCE = 100;

/**
 * Importance from kind, degree and money: kind points + 4·log10(1 + degree) + 10 per tenfold of money
 * above 1,000 (10·max(0, log10(1 + money) − 3)), at most 100, to 3 decimals. A university with USD 150
 * million of awards weighs about 80, a small company with USD 300,000 about 40, a person with three
 * relationships 2.4.
 */
export function importance(kind: string, degree: number, money: number): number {
  const k = (KIND_POINTS as Record<string, number | undefined>)[kind] ?? 0;
  const m = Math.max(0, Math.log10(1 + Math.max(0, money)) - 3);
  const v = k + 4 * Math.log10(1 + Math.max(0, degree)) + 10 * m;
  return Math.round(Math.min(MAX_IMPORTANCE, v) * 1000) / 1000;
}

// Innograph schema: uniqueness of `id` per node label, the full-text indexes of names and aliases,
// and the indexes of common lookups. Every statement is idempotent (IF NOT EXISTS); statements are
// separated by `;`. Applied by `GraphStore.applySchema()` (npm run seed does it first), all in one
// transaction.
//
// Full-text: `entity_search` ('standard-no-stop-words': Chinese as single characters, so a phrase finds
// any Chinese substring, even one character; English stop words kept) reads `searchNames`, the name and
// aliases already normalised by server/search/names.ts (accents and full width folded, split into the
// words ranking sees), and the acronyms, both computed when a node is stored; so one index answers a
// query without CJK. 'cjk' (`entity_names_cjk`) indexes Chinese as character pairs, so a shortened form
// such as 山东财政 finds 山东省财政厅 through 山东 and 财政 (a one-character query finds nothing there).
// An index's analyzer or properties never change under IF NOT EXISTS: a change needs a new index name,
// and the old index dropped here (entity_names and entity_names_folded were replaced by entity_search).
// Nodes stored before `searchNames` existed get it from applySchema (search-backfill-*.cypher).

// ---------------------------------------------------------------- uniqueness of id
CREATE CONSTRAINT lab_id_unique IF NOT EXISTS FOR (n:Lab) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT enterprise_id_unique IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT university_id_unique IF NOT EXISTS FOR (n:University) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT research_institute_id_unique IF NOT EXISTS FOR (n:ResearchInstitute) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT fund_id_unique IF NOT EXISTS FOR (n:Fund) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT government_body_id_unique IF NOT EXISTS FOR (n:GovernmentBody) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id_unique IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT zone_id_unique IF NOT EXISTS FOR (n:Zone) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT program_id_unique IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT field_id_unique IF NOT EXISTS FOR (n:Field) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id_unique IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id_unique IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id_unique IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT deal_id_unique IF NOT EXISTS FOR (n:Deal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id_unique IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;

// ---------------------------------------------------------------- full-text search of names
DROP INDEX entity_names IF EXISTS;
DROP INDEX entity_names_folded IF EXISTS;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Lab|Enterprise|University|ResearchInstitute|Fund|GovernmentBody|Region|Zone|Program|Field|Person|Source|Indicator|Deal)
ON EACH [n.searchNames, n.acronyms]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}};
CREATE FULLTEXT INDEX entity_names_cjk IF NOT EXISTS
FOR (n:Lab|Enterprise|University|ResearchInstitute|Fund|GovernmentBody|Region|Zone|Program|Field|Person|Source|Indicator|Deal)
ON EACH [n.name, n.acronyms, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false}};

// ---------------------------------------------------------------- common lookups
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);

// relationship id per type, so that MERGE / MATCH on a relationship id is an index seek
CREATE INDEX funds_id IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.id);
CREATE INDEX invests_in_id IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.id);
CREATE INDEX collaborates_with_id IF NOT EXISTS FOR ()-[r:COLLABORATES_WITH]-() ON (r.id);
CREATE INDEX part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX located_in_id IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.id);
CREATE INDEX supervises_id IF NOT EXISTS FOR ()-[r:SUPERVISES]-() ON (r.id);
CREATE INDEX manages_id IF NOT EXISTS FOR ()-[r:MANAGES]-() ON (r.id);
CREATE INDEX incubates_id IF NOT EXISTS FOR ()-[r:INCUBATES]-() ON (r.id);
CREATE INDEX focuses_on_id IF NOT EXISTS FOR ()-[r:FOCUSES_ON]-() ON (r.id);
CREATE INDEX affiliated_with_id IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.id);
CREATE INDEX participates_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.id);
CREATE INDEX has_indicator_id IF NOT EXISTS FOR ()-[r:HAS_INDICATOR]-() ON (r.id);
CREATE INDEX published_id IF NOT EXISTS FOR ()-[r:PUBLISHED]-() ON (r.id);
CREATE INDEX authored_id IF NOT EXISTS FOR ()-[r:AUTHORED]-() ON (r.id);
CREATE INDEX reports_id IF NOT EXISTS FOR ()-[r:REPORTS]-() ON (r.id);
CREATE INDEX quoted_in_id IF NOT EXISTS FOR ()-[r:QUOTED_IN]-() ON (r.id);

// money: amount and year of FUNDS and INVESTS_IN
CREATE INDEX funds_amount IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.amount);
CREATE INDEX funds_year IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.year);
CREATE INDEX invests_in_amount IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.amount);
CREATE INDEX invests_in_year IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.year);

// deals: the participants of a deal (money relationships whose `deal` is its id)
CREATE INDEX funds_deal IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.deal);
CREATE INDEX invests_in_deal IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.deal);

// data sets: the `dataset` of nodes (the datasets= filter and /api/datasets; SEMANTICS.md "Data sets")
CREATE INDEX organization_dataset IF NOT EXISTS FOR (n:Organization) ON (n.dataset);
CREATE INDEX region_dataset IF NOT EXISTS FOR (n:Region) ON (n.dataset);
CREATE INDEX zone_dataset IF NOT EXISTS FOR (n:Zone) ON (n.dataset);
CREATE INDEX program_dataset IF NOT EXISTS FOR (n:Program) ON (n.dataset);
CREATE INDEX field_dataset IF NOT EXISTS FOR (n:Field) ON (n.dataset);
CREATE INDEX person_dataset IF NOT EXISTS FOR (n:Person) ON (n.dataset);
CREATE INDEX source_dataset IF NOT EXISTS FOR (n:Source) ON (n.dataset);
CREATE INDEX indicator_dataset IF NOT EXISTS FOR (n:Indicator) ON (n.dataset);
CREATE INDEX deal_dataset IF NOT EXISTS FOR (n:Deal) ON (n.dataset);

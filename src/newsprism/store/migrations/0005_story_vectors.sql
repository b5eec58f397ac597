-- Stories made by the learned story similarity (newsprism.stories.place), which the
-- briefing and the web app read. Stories placed before it came from the lexical index
-- alone: they are cleared, and the next `ingest` or `brief` places every analysed
-- article again (a batch: the same stories as `newsprism cluster` of those articles).
DELETE FROM story_articles;
DELETE FROM story_terms;
DELETE FROM story_entities;
DELETE FROM story_term_counts;
DELETE FROM story_counters;
DELETE FROM copy_bands;
DELETE FROM stories;

-- Each placed article's sentence embedding (all-MiniLM-L6-v2, float16 bytes), computed
-- once when a comparison first needs it and read by later placements.
CREATE TABLE story_vectors (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    vector      BLOB NOT NULL
) WITHOUT ROWID;

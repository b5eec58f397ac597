-- Stories kept in the store (pipeline.story_index), so that an article ingested later
-- joins an existing story or opens a new one without re-clustering the store.
-- `centroid` is the story's signature as JSON {term: weight}; days are proleptic day
-- numbers of the publication dates (NULL when undated); `size` counts the canonical
-- members (voices), `tokens` their summed token counts.
CREATE TABLE stories (
    id              TEXT PRIMARY KEY,
    label           TEXT NOT NULL,
    size            INTEGER NOT NULL,
    tokens          INTEGER NOT NULL,
    centroid        TEXT NOT NULL,
    first_day       INTEGER,
    last_day        INTEGER,
    first_published TEXT,
    last_published  TEXT
);
CREATE INDEX stories_last_day ON stories (last_day);

-- Which story each article is in; `duplicate_of` names the canonical copy of a
-- near-duplicate (which is in the same story), NULL for a voice of its own.
CREATE TABLE story_articles (
    document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    story_id     TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    duplicate_of TEXT,
    outlet       TEXT,
    published    TEXT,
    placed_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX story_articles_story ON story_articles (story_id);

-- Inverted index: the terms each story's centroid was ever posted under.
CREATE TABLE story_terms (
    term     TEXT NOT NULL,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;

-- Entity mention counts per story, for its key entities.
CREATE TABLE story_entities (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    entity   TEXT NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (story_id, entity)
) WITHOUT ROWID;

-- Document frequencies of terms over every placed article (the IDF of new articles),
-- and the number of those articles (name 'documents').
CREATE TABLE story_term_counts (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE story_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

-- MinHash LSH band keys of every placed article's body (pipeline.dedup.band_keys):
-- a new article sharing a key with a stored one is checked as a near-duplicate.
CREATE TABLE copy_bands (
    band        INTEGER NOT NULL,
    key         INTEGER NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, document_id)
) WITHOUT ROWID;
CREATE INDEX copy_bands_document ON copy_bands (document_id)

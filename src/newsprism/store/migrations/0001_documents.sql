-- Documents keyed by a hash of their text: re-ingesting the same content is a no-op.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    format      TEXT NOT NULL,
    text        TEXT NOT NULL,
    title       TEXT,
    outlet      TEXT,
    published   TEXT,
    author      TEXT,
    url         TEXT,
    language    TEXT,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Every place a document was read from (the same text may come from several files).
CREATE TABLE document_sources (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source      TEXT NOT NULL,
    PRIMARY KEY (document_id, source)
);

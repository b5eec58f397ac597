-- The whole Document record as JSON (newsprism.codec), so fields added to Document
-- later (such as HTML main-content ranges) survive a round trip through the store.
ALTER TABLE documents ADD COLUMN record TEXT;

-- Per-article analysis (clean + NLP + extraction), so briefing from the store does not
-- run spaCy again. `pipeline` names the analysis version; a stale one is recomputed.
CREATE TABLE analyses (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    pipeline    TEXT NOT NULL,
    record      TEXT NOT NULL,
    analysed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

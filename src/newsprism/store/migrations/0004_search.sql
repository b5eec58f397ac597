-- Full-text search over every stored article (SQLite FTS5), for the web app's search.
-- An external-content index over `documents` (title, outlet, text): the text is not
-- stored twice; triggers keep the index in step with the table.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, outlet, text,
    content='documents', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
-- Trigger bodies stay on one line: the migration runner splits statements on ";\n".
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN INSERT INTO documents_fts (rowid, title, outlet, text) VALUES (new.rowid, new.title, new.outlet, new.text); END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN INSERT INTO documents_fts (documents_fts, rowid, title, outlet, text) VALUES ('delete', old.rowid, old.title, old.outlet, old.text); END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, outlet, text ON documents BEGIN INSERT INTO documents_fts (documents_fts, rowid, title, outlet, text) VALUES ('delete', old.rowid, old.title, old.outlet, old.text); INSERT INTO documents_fts (rowid, title, outlet, text) VALUES (new.rowid, new.title, new.outlet, new.text); END;
-- Documents stored before this migration.
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

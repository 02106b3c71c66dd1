/**
 * Master data a real site keeps (issue 15, items 3–4): items get a Chinese name, a default zone,
 * a catch-weight flag and an active flag (deactivated, never deleted: lots and the audit name
 * them); parties a Chinese name, an address, an active flag and their contacts. A trigram index
 * finds items by any part of their SKU or names in either case without reading every item.
 */
export default /* sql */ `
ALTER TABLE items ADD COLUMN name_zh TEXT;
ALTER TABLE items ADD COLUMN default_zone_id TEXT REFERENCES zones(id);
ALTER TABLE items ADD COLUMN catch_weight INTEGER NOT NULL DEFAULT 0 CHECK (catch_weight IN (0, 1));
ALTER TABLE items ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE parties ADD COLUMN name_zh TEXT;
ALTER TABLE parties ADD COLUMN address TEXT;
ALTER TABLE parties ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
CREATE TABLE party_contacts (
  id       TEXT PRIMARY KEY,
  party_id TEXT NOT NULL REFERENCES parties(id),
  name     TEXT NOT NULL,
  phone    TEXT,
  email    TEXT,
  role     TEXT
);
CREATE INDEX party_contacts_party ON party_contacts(party_id);
-- SKUs are typed by hand: a duplicate differs in case only, and a search finds either.
CREATE INDEX items_sku_nocase ON items(sku COLLATE NOCASE);
-- A search of one or two characters (too short for the trigram index) reads names by their start.
CREATE INDEX items_name_nocase ON items(name COLLATE NOCASE);
CREATE INDEX items_name_zh ON items(name_zh);
-- The SKU and names in a trigram index (no sizes kept: nothing is ranked), keyed by a number of
-- the item's own (search_no, given on insert) rather than its rowid, which a VACUUM may renumber:
-- an edited item's index row is then found by that key, not by reading the index.
ALTER TABLE items ADD COLUMN search_no INTEGER;
UPDATE items SET search_no = rowid;
CREATE UNIQUE INDEX items_search_no ON items(search_no);
CREATE VIRTUAL TABLE item_search USING fts5(item_id UNINDEXED, sku, name, name_zh, columnsize = 0, tokenize = 'trigram case_sensitive 0');
INSERT INTO item_search (rowid, item_id, sku, name, name_zh) SELECT search_no, id, sku, name, name_zh FROM items;
CREATE TRIGGER item_search_insert AFTER INSERT ON items WHEN NEW.search_no IS NOT NULL
BEGIN
  INSERT INTO item_search (rowid, item_id, sku, name, name_zh) VALUES (NEW.search_no, NEW.id, NEW.sku, NEW.name, NEW.name_zh);
END;
-- Items written without a number (the demo and scale seeds) are numbered here, at twice the cost.
CREATE TRIGGER item_search_number AFTER INSERT ON items WHEN NEW.search_no IS NULL
BEGIN
  UPDATE items SET search_no = (SELECT COALESCE(MAX(search_no), 0) + 1 FROM items) WHERE id = NEW.id;
  INSERT INTO item_search (rowid, item_id, sku, name, name_zh) SELECT search_no, id, sku, name, name_zh FROM items WHERE id = NEW.id;
END;
CREATE TRIGGER item_search_update AFTER UPDATE OF sku, name, name_zh ON items
WHEN OLD.sku IS NOT NEW.sku OR OLD.name IS NOT NEW.name OR OLD.name_zh IS NOT NEW.name_zh
BEGIN
  UPDATE item_search SET sku = NEW.sku, name = NEW.name, name_zh = NEW.name_zh WHERE rowid = NEW.search_no;
END;
-- A GTIN is found whole or by its first digits, through its unique index.
`;

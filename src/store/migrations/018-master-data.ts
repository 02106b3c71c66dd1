/**
 * Master data a real site keeps (issue 15, items 3–4): items get a Chinese name, a default zone,
 * a catch-weight flag and an active flag (deactivated, never deleted: lots and the audit name
 * them); parties a Chinese name, an address, an active flag and their contacts. A trigram index
 * finds items by any part of their SKU, GTIN or names in either case without reading every item.
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
CREATE VIRTUAL TABLE item_search USING fts5(item_id UNINDEXED, sku, gtin, name, name_zh, tokenize = 'trigram case_sensitive 0');
INSERT INTO item_search (item_id, sku, gtin, name, name_zh) SELECT id, sku, gtin, name, name_zh FROM items;
CREATE TRIGGER item_search_insert AFTER INSERT ON items
BEGIN
  INSERT INTO item_search (item_id, sku, gtin, name, name_zh) VALUES (NEW.id, NEW.sku, NEW.gtin, NEW.name, NEW.name_zh);
END;
CREATE TRIGGER item_search_update AFTER UPDATE OF sku, gtin, name, name_zh ON items
BEGIN
  UPDATE item_search SET sku = NEW.sku, gtin = NEW.gtin, name = NEW.name, name_zh = NEW.name_zh WHERE item_id = OLD.id;
END;
`;

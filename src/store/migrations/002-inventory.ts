/**
 * Inventory control: bills of materials for transformations, a near-expiry horizon per item,
 * cycle-count lines (a bin's expected and counted quantity per lot, zero included), the SSCCs
 * lots were received under, lookup indexes for lot scans, and item_stock: stock per item, stored
 * status and expiry date, kept by triggers on balances and lots in the writing transaction (like
 * an index), so "stock by item" reads a few hundred groups instead of joining 10k lots.
 */
export default /* sql */ `
ALTER TABLE items ADD COLUMN near_expiry_days INTEGER CHECK (near_expiry_days IS NULL OR near_expiry_days >= 0);

-- Which component items a produced item may be made of (repack, blend, kitting).
CREATE TABLE bom_components (
  item_id           TEXT NOT NULL REFERENCES items(id),
  component_item_id TEXT NOT NULL REFERENCES items(id),
  PRIMARY KEY (item_id, component_item_id),
  CHECK (item_id <> component_item_id)
) WITHOUT ROWID;

CREATE TABLE count_lines (
  document_id TEXT NOT NULL REFERENCES documents(id),
  lot_id      TEXT NOT NULL REFERENCES lots(id),
  expected    INTEGER NOT NULL CHECK (expected >= 0),
  counted     INTEGER NOT NULL CHECK (counted >= 0),
  movement_id TEXT REFERENCES movements(id),
  PRIMARY KEY (document_id, lot_id)
) WITHOUT ROWID;

-- The SSCCs a received lot arrived under, so a pallet label scanned at putaway finds its lots.
CREATE TABLE received_units (
  sscc   TEXT NOT NULL,
  lot_id TEXT NOT NULL REFERENCES lots(id),
  PRIMARY KEY (sscc, lot_id)
) WITHOUT ROWID;

-- Lot labels are scanned by internal code or supplier lot alone.
CREATE INDEX lots_code ON lots(code);
CREATE INDEX lots_supplier_lot_only ON lots(supplier_lot) WHERE supplier_lot IS NOT NULL;

-- expiry_date is '' for lots without one (a primary key column cannot be NULL).
CREATE TABLE item_stock (
  item_id     TEXT NOT NULL REFERENCES items(id),
  status      TEXT NOT NULL,
  expiry_date TEXT NOT NULL,
  quantity    INTEGER NOT NULL CHECK (quantity >= 0),
  lots        INTEGER NOT NULL CHECK (lots >= 0),
  PRIMARY KEY (item_id, status, expiry_date)
) WITHOUT ROWID;

INSERT INTO item_stock (item_id, status, expiry_date, quantity, lots)
SELECT b.item_id, l.status, COALESCE(l.expiry_date, ''), SUM(b.quantity), COUNT(DISTINCT b.lot_id)
FROM balances b JOIN lots l ON l.id = b.lot_id GROUP BY 1, 2, 3;

CREATE TRIGGER item_stock_balance_insert AFTER INSERT ON balances
BEGIN
  INSERT INTO item_stock (item_id, status, expiry_date, quantity, lots)
  SELECT NEW.item_id, l.status, COALESCE(l.expiry_date, ''), NEW.quantity,
         NOT EXISTS (SELECT 1 FROM balances b WHERE b.lot_id = NEW.lot_id AND b.location_id <> NEW.location_id)
  FROM lots l WHERE l.id = NEW.lot_id
  ON CONFLICT (item_id, status, expiry_date) DO UPDATE SET quantity = quantity + excluded.quantity, lots = lots + excluded.lots;
END;

CREATE TRIGGER item_stock_balance_update AFTER UPDATE OF quantity ON balances
BEGIN
  UPDATE item_stock SET quantity = quantity + NEW.quantity - OLD.quantity
  WHERE (item_id, status, expiry_date) = (SELECT NEW.item_id, l.status, COALESCE(l.expiry_date, '') FROM lots l WHERE l.id = NEW.lot_id);
END;

CREATE TRIGGER item_stock_balance_delete AFTER DELETE ON balances
BEGIN
  UPDATE item_stock SET quantity = quantity - OLD.quantity, lots = lots - NOT EXISTS (SELECT 1 FROM balances b WHERE b.lot_id = OLD.lot_id)
  WHERE (item_id, status, expiry_date) = (SELECT OLD.item_id, l.status, COALESCE(l.expiry_date, '') FROM lots l WHERE l.id = OLD.lot_id);
  DELETE FROM item_stock WHERE item_id = OLD.item_id AND quantity = 0 AND lots = 0;
END;

-- A status change (QC release, hold, recall) or a corrected expiry moves the lot's stock to its new group.
CREATE TRIGGER item_stock_lot_regroup AFTER UPDATE OF status, expiry_date ON lots
WHEN (OLD.status IS NOT NEW.status OR OLD.expiry_date IS NOT NEW.expiry_date) AND EXISTS (SELECT 1 FROM balances WHERE lot_id = NEW.id)
BEGIN
  UPDATE item_stock SET quantity = quantity - (SELECT SUM(quantity) FROM balances WHERE lot_id = NEW.id), lots = lots - 1
  WHERE item_id = OLD.item_id AND status = OLD.status AND expiry_date = COALESCE(OLD.expiry_date, '');
  DELETE FROM item_stock WHERE item_id = OLD.item_id AND quantity = 0 AND lots = 0;
  INSERT INTO item_stock (item_id, status, expiry_date, quantity, lots)
  SELECT NEW.item_id, NEW.status, COALESCE(NEW.expiry_date, ''), SUM(quantity), 1 FROM balances WHERE lot_id = NEW.id
  ON CONFLICT (item_id, status, expiry_date) DO UPDATE SET quantity = quantity + excluded.quantity, lots = lots + 1;
END;
`;

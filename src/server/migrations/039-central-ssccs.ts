/**
 * SSCC crossings (issue 20): the packages desks ship, what was packed in each, and the SSCC each
 * received lot arrived under, projected from the desks' pushed rows (src/server/projection.ts) so
 * the cross-site trace can match a shipped package's SSCC with the SSCC another site received a
 * lot under (src/server/central-trace.ts). Rows already pushed (packages were synced before this
 * version) are projected from `desk_rows` here.
 */
export default `
CREATE TABLE central_packages (
  station_id  text NOT NULL,
  package_id  text NOT NULL,
  site_code   text NOT NULL,
  sscc        text NOT NULL,
  document_id text,
  shipment_id text,
  PRIMARY KEY (station_id, package_id)
);
CREATE INDEX central_packages_sscc ON central_packages(sscc);

CREATE TABLE central_package_lines (
  station_id text NOT NULL,
  key        text NOT NULL,
  package_id text NOT NULL,
  lot_id     text NOT NULL,
  quantity   bigint,
  PRIMARY KEY (station_id, key)
);
CREATE INDEX central_package_lines_lot ON central_package_lines(lot_id);
CREATE INDEX central_package_lines_package ON central_package_lines(station_id, package_id);

CREATE TABLE central_received_units (
  station_id text NOT NULL,
  key        text NOT NULL,
  site_code  text NOT NULL,
  sscc       text NOT NULL,
  lot_id     text NOT NULL,
  PRIMARY KEY (station_id, key)
);
CREATE INDEX central_received_units_sscc ON central_received_units(sscc);
CREATE INDEX central_received_units_lot ON central_received_units(lot_id);

INSERT INTO central_packages (station_id, package_id, site_code, sscc, document_id, shipment_id)
  SELECT d.station_id, d.key, s.site_code, d.row->>'sscc', d.row->>'document_id', d.row->>'shipment_id'
  FROM desk_rows d JOIN stations s ON s.id = d.station_id WHERE d.tbl = 'packages' AND d.row IS NOT NULL AND d.row->>'sscc' IS NOT NULL;
INSERT INTO central_package_lines (station_id, key, package_id, lot_id, quantity)
  SELECT d.station_id, d.key, d.row->>'package_id', d.row->>'lot_id', (d.row->>'quantity')::bigint
  FROM desk_rows d WHERE d.tbl = 'package_lines' AND d.row IS NOT NULL AND d.row->>'package_id' IS NOT NULL AND d.row->>'lot_id' IS NOT NULL;
INSERT INTO central_received_units (station_id, key, site_code, sscc, lot_id)
  SELECT d.station_id, d.key, s.site_code, d.row->>'sscc', d.row->>'lot_id'
  FROM desk_rows d JOIN stations s ON s.id = d.station_id WHERE d.tbl = 'received_units' AND d.row IS NOT NULL AND d.row->>'sscc' IS NOT NULL AND d.row->>'lot_id' IS NOT NULL;
`;

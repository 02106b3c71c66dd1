/** Trace exports (issue 16): a file the UI saves or hands on (FSMA 204 XLSX/CSV, EPCIS 2.0 JSON-LD). */
export interface ExportDocument {
  fileName: string;
  mimeType: string;
  base64: string;
}

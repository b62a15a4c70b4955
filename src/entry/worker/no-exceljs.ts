/**
 * What `exceljs` is in the Worker build (wrangler.toml [alias]): nothing. The workbook writer finds
 * no WorkbookWriter here and answers that the export runs on the Node deployment, instead of
 * bundling a zip library and a streaming XML writer into every isolate.
 */
export default {};

/** Central migration 20 (reserved for the ERP loop): the erp_* tables of src/server/erp/schema.ts. */
import { ERP_SCHEMA } from '../erp/schema';

export default ERP_SCHEMA;

/** Additive, numbered schema migrations; a migration's number is its position here (1-based). */
import m001 from './001-initial';
import m002 from './002-inventory';
import m003 from './003-outbound';
import m004 from './004-free-stock';
import m005 from './005-allocation-walk';
import m006 from './006-allocation-rows';
import m007 from './007-staging-lookup';
import m008 from './008-lots-received';
import m009 from './009-allocation-references';
import m010 from './010-secret-failures';
import m011 from './011-lot-search';
import m012 from './012-lock-tries';
import m013 from './013-bom-quantities';
import m014 from './014-allocation-numbers';
import m015 from './015-user-admin';
import m016 from './016-trace';
import m017 from './017-audit-changes';
import m018 from './018-audit-search';
import m019 from './019-locations-and-pos';
import m020 from './020-recalls';
import m021 from './021-master-data';
import m022 from './022-complaints';
import m023 from './023-qc';
import m024 from './024-sign-in-clients';
import m025 from './025-signing-passwords';
import m026 from './026-print-log';
import m027 from './027-qc-supplier';
import m028 from './028-keyed-audit';
import m029 from './029-lot-net-weight';
import m030 from './030-sync-outbox';
// 036 (trace change log): its number was assigned ahead of 031–035; it belongs at position 36 once those are merged.
import m036 from './036-trace-changes';

export const MIGRATIONS: readonly string[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015, m016, m017, m018, m019, m020, m021, m022, m023, m024, m025, m026, m027, m028, m029, m030, m036];

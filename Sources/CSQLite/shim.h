#ifndef MARKETPLACE_CSQLITE_SHIM_H
#define MARKETPLACE_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: it tells SQLite to copy bound text/blobs.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_db_config is variadic; Swift cannot call it directly.
static inline int csqlite_enable_dqs(sqlite3 *db, int on) {
    int a = sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, on, (int *)0);
    int b = sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, on, (int *)0);
    return a != SQLITE_OK ? a : b;
}
static inline int csqlite_enable_defensive(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}
#endif

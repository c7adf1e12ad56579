// The store's guard on plugin SQL: a chained SQLite authorizer (see sqlite_guard.c).
#ifndef KIOSK_SQLITE_GUARD_H
#define KIOSK_SQLITE_GUARD_H

struct sqlite3;

/// Longest table prefix a guard holds, including the terminating NUL.
#define KIOSK_SQL_GUARD_PREFIX_MAX 64

/// Starts guarding `db`: until kiosk_sql_guard_end, statements compiled on `db` may touch only
/// tables whose names start with `prefix` (e.g. "nutrition_"). Returns 0 (SQLITE_OK), or non-zero
/// when the connection was not set up through sqlite3_set_authorizer (every GRDB connection is)
/// or the prefix is longer than the limit.
int kiosk_sql_guard_begin(struct sqlite3 *db, const char *prefix);

/// Stops guarding `db` (statements compiled afterwards are not checked).
void kiosk_sql_guard_end(struct sqlite3 *db);

/// The prefix `db` is guarded with, copied into `buffer` (empty when unguarded). Returns 1 when guarded.
int kiosk_sql_guard_current(struct sqlite3 *db, char *buffer, int size);

/// What the guard last refused on `db`, e.g. "reads table core_child", copied into `buffer`.
void kiosk_sql_guard_last_denial(struct sqlite3 *db, char *buffer, int size);

#endif

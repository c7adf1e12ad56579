// A guard on plugin SQL, built on SQLite's authorizer (https://www.sqlite.org/c3ref/set_authorizer.html).
//
// GRDB installs its own authorizer on every connection it opens and relies on it (it learns from it
// which statements begin or end transactions, alter the schema or read which tables). A connection
// has one authorizer, so this file defines sqlite3_set_authorizer itself: the executable's definition
// is linked ahead of libsqlite3's, receives GRDB's callback, keeps it, and installs a trampoline that
// first applies the guard and then asks GRDB's callback. SQLite's own function is found with
// dlsym(RTLD_NEXT). Nothing changes for a connection until kiosk_sql_guard_begin is called on it.
//
// The guard is a safety net against plugin code that reaches past the core APIs by mistake; it is
// not a sandbox against hostile code, which runs in the same process and could call SQLite directly.
//
// State: one record per open connection, in a list behind a mutex (process-wide by necessity: SQLite
// calls the interposed function with nothing but the connection). A record's guard fields are used
// only by the thread that runs the connection, like the connection itself.
#define _GNU_SOURCE
#include "sqlite_guard.h"

#include <sqlite3.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*authorizer_fn)(void *, int, const char *, const char *, const char *, const char *);
typedef int (*set_authorizer_fn)(sqlite3 *, authorizer_fn, void *);
typedef int (*close_fn)(sqlite3 *);

struct connection_guard {
    sqlite3 *db;
    authorizer_fn inner;
    void *inner_data;
    int active;
    char prefix[KIOSK_SQL_GUARD_PREFIX_MAX];
    char denial[160];
    struct connection_guard *next;
};

static pthread_mutex_t guards_lock = PTHREAD_MUTEX_INITIALIZER;
static struct connection_guard *guards;

static struct connection_guard *find_locked(sqlite3 *db) {
    for (struct connection_guard *g = guards; g; g = g->next) {
        if (g->db == db) return g;
    }
    return NULL;
}

static struct connection_guard *find(sqlite3 *db) {
    pthread_mutex_lock(&guards_lock);
    struct connection_guard *g = find_locked(db);
    pthread_mutex_unlock(&guards_lock);
    return g;
}

static int has_prefix(const char *name, const char *prefix) {
    return name && strncmp(name, prefix, strlen(prefix)) == 0;
}

static int is_schema_table(const char *name) {
    return name && (strcmp(name, "sqlite_master") == 0 || strcmp(name, "sqlite_schema") == 0 ||
                    strcmp(name, "sqlite_temp_master") == 0 || strcmp(name, "sqlite_temp_schema") == 0);
}

// Pragmas that only describe the schema; every other pragma (durability, journal, foreign keys,
// writable_schema...) is refused, with or without a value.
static int is_introspection_pragma(const char *name) {
    static const char *allowed[] = {
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list", "database_list", NULL,
    };
    for (int i = 0; name && allowed[i]; i++) {
        if (strcmp(name, allowed[i]) == 0) return 1;
    }
    return 0;
}

static int deny(struct connection_guard *g, const char *what, const char *name) {
    snprintf(g->denial, sizeof g->denial, "%s %s", what, name ? name : "?");
    return SQLITE_DENY;
}

// The guard's decision for one authorizer request; SQLITE_OK to pass it on to GRDB's authorizer.
static int check(struct connection_guard *g, int action, const char *a1, const char *a2) {
    const char *own = g->prefix;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE:
    case SQLITE_SAVEPOINT:
        return SQLITE_OK;
    case SQLITE_READ:
        if (has_prefix(a1, own) || is_schema_table(a1)) return SQLITE_OK;
        return deny(g, "reads table", a1);
    // Schema changes write the schema table; SQLite itself refuses direct writes to it (and the
    // pragma that would allow them, writable_schema, is refused below).
    case SQLITE_INSERT:
        return (has_prefix(a1, own) || is_schema_table(a1)) ? SQLITE_OK : deny(g, "inserts into table", a1);
    case SQLITE_UPDATE:
        return (has_prefix(a1, own) || is_schema_table(a1)) ? SQLITE_OK : deny(g, "updates table", a1);
    case SQLITE_DELETE:
        return (has_prefix(a1, own) || is_schema_table(a1)) ? SQLITE_OK : deny(g, "deletes from table", a1);
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_TEMP_VIEW:
        return has_prefix(a1, own) ? SQLITE_OK : deny(g, "changes the schema of", a1);
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_TEMP_TRIGGER:
        // a1 is the index or trigger, a2 the table it belongs to: both must be the plugin's (SQLite
        // names the indexes of UNIQUE and PRIMARY KEY constraints sqlite_autoindex_<table>_<n>).
        if (!has_prefix(a1, own) && !(has_prefix(a1, "sqlite_autoindex_") && has_prefix(a1 + 17, own))) {
            return deny(g, "changes the schema of", a1);
        }
        return has_prefix(a2, own) ? SQLITE_OK : deny(g, "changes the schema of", a2);
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_VTABLE:
    case SQLITE_ANALYZE:
    case SQLITE_REINDEX:
        return has_prefix(a1, own) ? SQLITE_OK : deny(g, "changes the schema of", a1);
    case SQLITE_ALTER_TABLE:
        return has_prefix(a2, own) ? SQLITE_OK : deny(g, "changes the schema of", a2);
    case SQLITE_PRAGMA:
        return is_introspection_pragma(a1) ? SQLITE_OK : deny(g, "sets or reads pragma", a1);
    case SQLITE_FUNCTION:
        return (a2 && strcmp(a2, "load_extension") == 0) ? deny(g, "calls", a2) : SQLITE_OK;
    case SQLITE_TRANSACTION:
        return deny(g, "ends or begins the store's transaction with", a1);
    case SQLITE_ATTACH:
        return deny(g, "attaches database", a1);
    case SQLITE_DETACH:
        return deny(g, "detaches database", a1);
    default:
        return deny(g, "performs an operation the guard does not allow:", a1);
    }
}

static int trampoline(void *data, int action, const char *a1, const char *a2, const char *a3, const char *a4) {
    struct connection_guard *g = data;
    if (g->active) {
        int decision = check(g, action, a1, a2);
        if (decision != SQLITE_OK) return decision;
    }
    return g->inner ? g->inner(g->inner_data, action, a1, a2, a3, a4) : SQLITE_OK;
}

int sqlite3_set_authorizer(sqlite3 *db, authorizer_fn callback, void *data) {
    set_authorizer_fn real = (set_authorizer_fn)dlsym(RTLD_NEXT, "sqlite3_set_authorizer");
    if (!real) return SQLITE_ERROR;
    pthread_mutex_lock(&guards_lock);
    struct connection_guard *g = find_locked(db);
    if (!g) {
        g = calloc(1, sizeof *g);
        if (!g) {
            pthread_mutex_unlock(&guards_lock);
            return SQLITE_NOMEM;
        }
        g->db = db;
        g->next = guards;
        guards = g;
    }
    g->inner = callback;
    g->inner_data = data;
    pthread_mutex_unlock(&guards_lock);
    return real(db, trampoline, g);
}

static void forget(sqlite3 *db) {
    pthread_mutex_lock(&guards_lock);
    for (struct connection_guard **link = &guards; *link; link = &(*link)->next) {
        if ((*link)->db == db) {
            struct connection_guard *gone = *link;
            *link = gone->next;
            free(gone);
            break;
        }
    }
    pthread_mutex_unlock(&guards_lock);
}

int sqlite3_close(sqlite3 *db) {
    close_fn real = (close_fn)dlsym(RTLD_NEXT, "sqlite3_close");
    if (!real) return SQLITE_ERROR;
    int result = real(db);
    if (result == SQLITE_OK) forget(db);
    return result;
}

int sqlite3_close_v2(sqlite3 *db) {
    close_fn real = (close_fn)dlsym(RTLD_NEXT, "sqlite3_close_v2");
    if (!real) return SQLITE_ERROR;
    // close_v2 always detaches the handle from its user; no statement is compiled on it afterwards.
    int result = real(db);
    forget(db);
    return result;
}

int kiosk_sql_guard_begin(sqlite3 *db, const char *prefix) {
    struct connection_guard *g = find(db);
    if (!g) return SQLITE_MISUSE;
    if (!prefix || strlen(prefix) >= sizeof g->prefix) return SQLITE_TOOBIG;
    strcpy(g->prefix, prefix);
    g->denial[0] = '\0';
    g->active = 1;
    return SQLITE_OK;
}

void kiosk_sql_guard_end(sqlite3 *db) {
    struct connection_guard *g = find(db);
    if (g) g->active = 0;
}

int kiosk_sql_guard_current(sqlite3 *db, char *buffer, int size) {
    struct connection_guard *g = find(db);
    if (size > 0) buffer[0] = '\0';
    if (!g || !g->active) return 0;
    snprintf(buffer, (size_t)size, "%s", g->prefix);
    return 1;
}

void kiosk_sql_guard_last_denial(sqlite3 *db, char *buffer, int size) {
    struct connection_guard *g = find(db);
    if (size <= 0) return;
    snprintf(buffer, (size_t)size, "%s", g ? g->denial : "");
}

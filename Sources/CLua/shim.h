/*
 * shim.h — the C side of ccts's Lua bridge.
 *
 * Swift cannot call Lua's function-like macros, and must never be unwound by
 * Lua's longjmp. Everything that has to run *inside* Lua (the budgeted
 * allocator, the instruction-count hook, the panic handler) lives here as
 * small static inline functions; Swift only calls into Lua through
 * lua_pcall, so an error raised here unwinds C frames only.
 */
#ifndef CCTS_CLUA_SHIM_H
#define CCTS_CLUA_SHIM_H

#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Whether this CPU runs what ccts was compiled for. The release build targets x86-64-v2
 * (`make build`: -target-cpu nehalem, which defines __SSE4_2__ here too); a copy of it on an
 * older CPU is told so at start instead of dying of an illegal instruction mid-run. */
static inline int ccts_cpu_supported(void) {
#if defined(__x86_64__) && defined(__SSE4_2__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("popcnt");
#else
    return 1;
#endif
}

/* How many VM instructions pass between two calls of the count hook. */
#define CCTS_HOOK_STEP 1000

/* Budgets of one lua_State; owned by the Swift LuaState, passed as the allocator's ud. */
typedef struct ccts_budget {
    size_t used;                 /* bytes currently allocated by Lua */
    size_t limit;                /* memory budget in bytes (enforced only while `enforcing`) */
    int enforcing;               /* 1 while user code runs under pcall */
    int memory_exceeded;         /* set when an allocation was refused */
    long long instructions;      /* instructions counted since the last reset */
    long long instruction_limit; /* instruction budget; 0 = none */
    int instructions_exceeded;   /* set when the hook stopped a script */
    long long deadline_ns;       /* CLOCK_MONOTONIC time after which scripts stop; 0 = none */
    int time_exceeded;           /* set when the hook stopped a script for time */
} ccts_budget;

/* Now on the monotonic clock, in nanoseconds. */
static inline long long ccts_monotonic_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* The allocator: plain realloc/free that keeps count and refuses growth past the budget. */
static inline void *ccts_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    ccts_budget *b = (ccts_budget *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        b->used -= old;
        return NULL;
    }
    if (b->enforcing && nsize > old && b->used + (nsize - old) > b->limit) {
        b->memory_exceeded = 1;
        return NULL; /* Lua turns this into a memory error inside pcall */
    }
    void *p = realloc(ptr, nsize);
    if (p != NULL) b->used = b->used - old + nsize;
    return p;
}

static inline int ccts_panic(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "ccts: internal error: unprotected Lua error: %s\n", msg ? msg : "(no message)");
    return 0; /* Lua aborts after this returns */
}

/* Count hook: stops the running script once the instruction budget is spent. */
static inline void ccts_count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    void *ud = NULL;
    lua_getallocf(L, &ud);
    ccts_budget *b = (ccts_budget *)ud;
    b->instructions += CCTS_HOOK_STEP;
    if (b->enforcing && b->instruction_limit > 0 && b->instructions > b->instruction_limit) {
        b->instructions_exceeded = 1;
        luaL_error(L, "instruction budget of %lld exceeded", b->instruction_limit);
    }
    /* Every 1,000 instructions: a clock read of some 20 ns, well under 1 % of the work. */
    if (b->enforcing && b->deadline_ns > 0 && ccts_monotonic_ns() > b->deadline_ns) {
        b->time_exceeded = 1;
        luaL_error(L, "time budget exceeded");
    }
}

/* Lua-callable: true once a budget was exceeded, so that the sandbox's pcall
 * re-raises instead of letting a script swallow the budget error. */
static inline int ccts_budget_exceeded(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    ccts_budget *b = (ccts_budget *)ud;
    lua_pushboolean(L, b->instructions_exceeded || b->memory_exceeded || b->time_exceeded);
    return 1;
}

/* setmetatable without finalizers: a __gc metamethod would run when the state closes, outside
 * every budget, so a metatable holding one is refused. Otherwise Lua's own setmetatable
 * (lbaselib.c luaB_setmetatable). Written in C so that the error names the caller's line. */
static inline int ccts_setmetatable(lua_State *L) {
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        int gc = lua_getfield(L, 2, "__gc") != LUA_TNIL;   /* may run __index: still under the budgets */
        lua_pop(L, 1);
        if (gc) return luaL_error(L, "setmetatable: __gc (a finalizer) is not allowed in the sandbox: it would run outside the time and memory budgets");
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/* Publishes ccts_budget_exceeded and ccts_setmetatable as globals for the bootstrap, which
 * takes them and removes the names. */
static inline void ccts_register_budget_probe(lua_State *L) {
    lua_pushcfunction(L, ccts_budget_exceeded);
    lua_setglobal(L, "__ccts_budget_exceeded");
    lua_pushcfunction(L, ccts_setmetatable);
    lua_setglobal(L, "__ccts_setmetatable");
}

static inline lua_State *ccts_newstate(ccts_budget *b) {
    lua_State *L = lua_newstate(ccts_alloc, b);
    if (L == NULL) return NULL;
    lua_atpanic(L, ccts_panic);
    lua_sethook(L, ccts_count_hook, LUA_MASKCOUNT, CCTS_HOOK_STEP);
    return L;
}

/* Opens only the libraries the sandbox may draw from: base, string, table, math, utf8.
 * io, os, package, debug and coroutine are never opened. Stack: [-0, +0]. */
static inline int ccts_open_safe_libs_k(lua_State *L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);      lua_pop(L, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1); lua_pop(L, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);  lua_pop(L, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);  lua_pop(L, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);  lua_pop(L, 1);
    return 0;
}

/* Runs ccts_open_safe_libs_k under protection. Returns a LUA_* status. */
static inline int ccts_open_safe_libs(lua_State *L) {
    lua_pushcfunction(L, ccts_open_safe_libs_k);
    return lua_pcall(L, 0, 0, 0);
}

/* Loads a text chunk (never a binary one). Stack: [-0, +1] function or message. */
static inline int ccts_load_text(lua_State *L, const char *buf, size_t len, const char *name) {
    return luaL_loadbufferx(L, buf, len, name, "t");
}

/* Message handler for pcall: appends nothing, but keeps non-string errors readable. */
static inline int ccts_message_handler(lua_State *L) {
    if (lua_type(L, 1) != LUA_TSTRING) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    return 1;
}

/* Macro shims. */
static inline void ccts_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void ccts_remove(lua_State *L, int i) { lua_remove(L, i); }
static inline void ccts_newtable(lua_State *L) { lua_newtable(L); }
static inline int ccts_pcall(lua_State *L, int nargs, int nresults, int msgh) { return lua_pcall(L, nargs, nresults, msgh); }
static inline const char *ccts_tostring(lua_State *L, int i, size_t *len) { return lua_tolstring(L, i, len); }
static inline int ccts_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void ccts_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline int ccts_isinteger(lua_State *L, int i) { return lua_isinteger(L, i); }
static inline lua_Number ccts_tonumber(lua_State *L, int i) { return lua_tonumberx(L, i, NULL); }
static inline void ccts_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline int ccts_upvalueindex(int i) { return lua_upvalueindex(i); }
/* The budget counters of a state (its allocator's ud). */
static inline ccts_budget *ccts_budget_of(lua_State *L) { void *ud = NULL; lua_getallocf(L, &ud); return (ccts_budget *)ud; }

#endif

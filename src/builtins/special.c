/* The special forms: calls the compiler builds itself (na, nz, the casts, the inputs). Their
 * rows give the signatures that `pine builtins`, docs/builtins.md and the REPL show and name the
 * compiler's hook for each (CompileHook); they have no C body. The parameter order is the one
 * positional arguments bind in. */
#include "builtins/builtins.h"

/* The parameters every input.* form ends with. */
#define IN_TAIL                                                                                    \
    "const string tooltip = na, const string inline = na, const string group = na, "               \
    "const bool confirm = false, const int display = display.all, const bool active = true"
#define IN_OPTIONS "const array<T> options = na"

#define SPECIAL(sig, hook)                                                                         \
    { sig, 0, 0, 0, 0, 0, 0, hook }

const BuiltinDef special_builtins[] = {
    SPECIAL("na(series T x) -> series bool", HOOK_NA),
    SPECIAL("nz(series T source, series T replacement) -> series T", HOOK_NZ),
    SPECIAL("nz(series T source) -> series T", HOOK_NZ),
    SPECIAL("int(series float x) -> series int", HOOK_CAST),
    SPECIAL("float(series float x) -> series float", HOOK_CAST),
    SPECIAL("bool(series float x) -> series bool", HOOK_CAST),
    SPECIAL("color(series color x) -> series color", HOOK_CAST),
    SPECIAL("string(series string x) -> series string", HOOK_CAST),
    SPECIAL("input.int(const int defval, const string title = na, const int minval = na, "
            "const int maxval = na, const int step = 1, " IN_TAIL ", " IN_OPTIONS ") -> input int",
            HOOK_INPUT),
    SPECIAL("input.float(const float defval, const string title = na, const float minval = na, "
            "const float maxval = na, const float step = na, " IN_TAIL ", " IN_OPTIONS
            ") -> input float",
            HOOK_INPUT),
    SPECIAL("input.bool(const bool defval, const string title = na, " IN_TAIL ") -> input bool",
            HOOK_INPUT),
    SPECIAL("input.string(const string defval, const string title = na, " IN_OPTIONS ", " IN_TAIL
            ") -> input string",
            HOOK_INPUT),
    SPECIAL("input.color(const color defval, const string title = na, " IN_TAIL ") -> input color",
            HOOK_INPUT),
    SPECIAL("input.source(series float defval, const string title = na, "
            "const string tooltip = na, const string inline = na, const string group = na, "
            "const int display = display.all, const bool active = true, "
            "const bool confirm = false) -> series float",
            HOOK_INPUT),
    SPECIAL("input.timeframe(const string defval, const string title = na, " IN_OPTIONS ", " IN_TAIL
            ") -> input string",
            HOOK_INPUT),
    SPECIAL("input.time(const int defval, const string title = na, " IN_TAIL ") -> input int",
            HOOK_INPUT),
    SPECIAL("input.price(const float defval, const string title = na, " IN_TAIL ") -> input float",
            HOOK_INPUT),
    SPECIAL("input.session(const string defval, const string title = na, " IN_OPTIONS ", " IN_TAIL
            ") -> input string",
            HOOK_INPUT),
    SPECIAL("input.symbol(const string defval, const string title = na, " IN_TAIL
            ") -> input string",
            HOOK_INPUT),
    SPECIAL("input.text_area(const string defval, const string title = na, "
            "const string tooltip = na, const string group = na, const bool confirm = false, "
            "const int display = display.all, const bool active = true) -> input string",
            HOOK_INPUT),
    SPECIAL(
        "input(const T defval, const string title = na, const string tooltip = na, "
        "const string inline = na, const string group = na, const bool confirm = false, " IN_OPTIONS
        ", const int display = display.all, const float minval = na, "
        "const float maxval = na, const float step = na) -> input T",
        HOOK_INPUT),
    {0},
};

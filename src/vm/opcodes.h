/* The one list of opcodes: OP(name, operand words, stack effect). Expanded for the enum, the
 * names and operand counts (disassembler), the stack-depth bookkeeping of the compiler and the
 * VM's dispatch table. A stack effect of STACK_VARIES means the compiler computes it at each
 * use (a CALL's results minus its arguments).
 * Code is an array of 32-bit words: the opcode, then its operands. Jump operands are offsets
 * relative to the word after the instruction. Rings, call sites, `once` flags and `var` slots
 * are numbered within the running frame (program.h FrameSpec). Numbers of every type (int, float,
 * bool, color) are doubles in the VM, na = NaN; strings and arrays are pointers, na = NULL. */
#ifndef PINE_OPCODES_H
#define PINE_OPCODES_H

#include <stdint.h>

#include "vm/types.h"

#define STACK_VARIES 99

#define OPCODE_LIST(OP)                                                                            \
    OP(HALT, 0, 0)    /* end of the bar */                                                         \
    OP(CONST, 1, 1)   /* push constants[a] */                                                      \
    OP(NUM, 1, 1)     /* push the small integer a (signed) as a double */                          \
    OP(INUM, 1, 1)    /* push the small integer a as an int64 (a built-in's int arg) */            \
    OP(NA, 0, 1)      /* push NaN */                                                               \
    OP(NULLP, 0, 1)   /* push a NULL pointer (na string/array) */                                  \
    OP(POP, 0, -1)    /* drop the top */                                                           \
    OP(DUP, 0, 1)     /* duplicate the top */                                                      \
    OP(LOAD, 1, 1)    /* push slots[a] */                                                          \
    OP(STORE, 1, -1)  /* slots[a] = pop */                                                         \
    OP(LOADV, 1, 1)   /* push `var` variable a of the running function's frame */                  \
    OP(STOREV, 1, -1) /* `var` variable a of the running function's frame = pop */                 \
    OP(LOADH, 1, 1)   /* push the current value of history ring a */                               \
    OP(STOREH, 1, -1) /* current value of ring a = pop */                                          \
    OP(HISTK, 2, 1)   /* push ring a, b bars ago (na before the first bar) */                      \
    OP(HIST, 1, 0)    /* pop n, push ring a, n bars ago */                                         \
    OP(BAR, 1, 1)     /* push bar field a (BarField) of the current bar */                         \
    OP(BARC, 1, 1)    /* push price column a (open..volume) of the current bar */                  \
    OP(BARHK, 2, 1)   /* push bar field a, b bars ago */                                           \
    OP(BARH, 1, 0)    /* pop n, push bar field a, n bars ago */                                    \
    OP(ADD, 0, -1)    /* numbers */                                                                \
    OP(SUB, 0, -1)                                                                                 \
    OP(MUL, 0, -1)                                                                                 \
    OP(DIV, 0, -1)  /* float division; x/0 is na */                                                \
    OP(IDIV, 0, -1) /* int division truncating toward zero; x/0 is na */                           \
    OP(MOD, 0, -1)  /* remainder with the sign of the dividend; x%0 is na */                       \
    OP(NEG, 0, 0)                                                                                  \
    OP(LT, 0, -1) /* comparisons: 1 or 0; false when either side is na */                          \
    OP(LE, 0, -1)                                                                                  \
    OP(GT, 0, -1)                                                                                  \
    OP(GE, 0, -1)                                                                                  \
    OP(EQ, 0, -1)                                                                                  \
    OP(NE, 0, -1)             /* true when either side is na (IEEE, as TradingView's JVM) */       \
    OP(NOT, 0, 0)             /* 1 when the top is false (0 or na) */                              \
    OP(TRUTH, 0, 0)           /* 1 when the top is true (non-zero, not na), else 0 */              \
    OP(AND, 0, -1)            /* eager logical and (v5) */                                         \
    OP(OR, 0, -1)             /* eager logical or (v5) */                                          \
    OP(SCAT, 0, -1)           /* string concatenation (na + s = na) */                             \
    OP(SCMP, 1, -1)           /* string comparison a (OpKind) */                                   \
    OP(PEQ, 0, -1)            /* pointer identity (arrays) */                                      \
    OP(ISNA, 0, 0)            /* number: 1 when na */                                              \
    OP(ISNULL, 0, 0)          /* pointer: 1 when na */                                             \
    OP(NZ, 0, -1)             /* pop r, pop x: x when not na else r */                             \
    OP(NZP, 0, -1)            /* the same for pointers */                                          \
    OP(TRUNC, 0, 0)           /* int(x): toward zero, na stays na */                               \
    OP(BOOLV, 0, 0)           /* v6 bool from a number: na becomes false */                        \
    OP(JUMP, 1, 0)            /* pc += a */                                                        \
    OP(JUMPF, 1, -1)          /* pop; if false or na: pc += a */                                   \
    OP(JUMPT, 1, -1)          /* pop; if true: pc += a */                                          \
    OP(JUMPFK, 1, 0)          /* if top is false: pc += a (keep the top), else pop */              \
    OP(JUMPTK, 1, 0)          /* if top is true: pc += a (keep the top), else pop */               \
    OP(LOOP, 1, 0)            /* backward jump pc += a (negative) that counts iterations */        \
    OP(ONCE, 2, 0)            /* if onces[a] is set: pc += b; else set it */                       \
    OP(CALL, 1, STACK_VARIES) /* call the built-in of call site a */                               \
    OP(CALLF, 1,                                                                                   \
       STACK_VARIES)    /* call user function call a (FuncCall): its frame, then its body */       \
    OP(RET, 0, 0)       /* back to the running function's caller and the caller's frame */         \
    OP(FORINIT, 3, -3)  /* pop step,to,from into loop a; slots[b] = from; na: pc += c */           \
    OP(FORNEXT, 3, 0)   /* advance loop a into slots[b]; if not done pc += c (back) */             \
    OP(FORNEXTV, 3, -1) /* v6: pop a new end value for loop a, then as FORNEXT */                  \
    OP(PLOT, 1, 0)      /* plot(): the top is column a's value for this bar; push a */             \
    OP(ALEN, 0, 0)      /* array size (0 for na) */                                                \
    OP(AGET, 0, -1)     /* pop i, pop array, push element i */                                     \
    OP(SWAP, 0, 0)      /* exchange the two top values */                                          \
    OP(ENTER, 1, 0)     /* a local scope starts: advance the history rings of scope a */           \
    OP(NOP1, 1, 0)      /* nothing (an ENTER whose scope keeps no history) */                      \
    OP(ERRNA, 1, 0)     /* runtime error constants[a] (a message) when the top is na */            \
    OP(FAIL, 1, 1)      /* runtime error constants[a] (a message), in place of a value */

typedef enum Opcode {
#define OP_ENUM(name, n, eff) OPC_##name,
    OPCODE_LIST(OP_ENUM)
#undef OP_ENUM
        OPC__COUNT
} Opcode;

/* The one list of bar fields: X(NAME, name, type) is the Pine variable `name` of PType [type],
 * read by BAR/BARHK/BARH as field BAR_NAME (the VM's bar_field computes each one). The first
 * five are the price columns BARC reads directly. */
#define BAR_FIELD_LIST(X)                                                                          \
    X(OPEN, open, T_FLOAT)                                                                         \
    X(HIGH, high, T_FLOAT)                                                                         \
    X(LOW, low, T_FLOAT)                                                                           \
    X(CLOSE, close, T_FLOAT)                                                                       \
    X(VOLUME, volume, T_FLOAT)                                                                     \
    X(TIME, time, T_INT)                                                                           \
    X(TIME_CLOSE, time_close, T_INT)                                                               \
    X(INDEX, bar_index, T_INT)                                                                     \
    X(HL2, hl2, T_FLOAT)                                                                           \
    X(HLC3, hlc3, T_FLOAT)                                                                         \
    X(OHLC4, ohlc4, T_FLOAT)                                                                       \
    X(HLCC4, hlcc4, T_FLOAT)

typedef enum BarField {
#define BAR_ENUM(NAME, name, type) BAR_##NAME,
    BAR_FIELD_LIST(BAR_ENUM)
#undef BAR_ENUM
        BAR__COUNT
} BarField;

extern const char *const opcode_names[];
extern const signed char opcode_operands[];
/* Each bar field's Pine name and PType, by BarField. */
extern const struct BarFieldInfo {
    const char *name;
    Type type;
} bar_fields[BAR__COUNT];

#endif

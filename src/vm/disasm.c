/* The disassembler behind `pine disasm`, driven by the opcode table. */
#include <stdio.h>

#include "vm/opcodes.h"
#include "vm/program.h"

const char *const opcode_names[] = {
#define OP_NAME(name, n, eff) #name,
    OPCODE_LIST(OP_NAME)
#undef OP_NAME
};

const signed char opcode_operands[] = {
#define OP_N(name, n, eff) n,
    OPCODE_LIST(OP_N)
#undef OP_N
};

const struct BarFieldInfo bar_fields[BAR__COUNT] = {
#define BAR_INFO(NAME, name, type) {#name, type},
    BAR_FIELD_LIST(BAR_INFO)
#undef BAR_INFO
};

static void print_const(FILE *f, const Program *p, uint32_t k) {
    if (k >= (uint32_t)p->nconsts) return;
    if (p->const_isstr[k])
        fprintf(f, "  ; \"%s\"", ((PStr *)p->consts[k].p)->data);
    else
        fprintf(f, "  ; %.17g", p->consts[k].f);
}

size_t program_disasm_insn(const Program *p, size_t pc, void *file) {
    FILE *f = file;
    uint32_t op = p->code[pc];
    fprintf(f, "%-8s", opcode_names[op]);
    int n = opcode_operands[op];
    for (int k = 1; k <= n && pc + (size_t)k < p->ncode; k++)
        fprintf(f, " %d", (int32_t)p->code[pc + (size_t)k]);
    if (op == OPC_CONST) print_const(f, p, p->code[pc + 1]);
    if ((op == OPC_BAR || op == OPC_BARC || op == OPC_BARHK || op == OPC_BARH) &&
        p->code[pc + 1] < BAR__COUNT)
        fprintf(f, "  ; %s", bar_fields[p->code[pc + 1]].name);
    if (op == OPC_JUMP || op == OPC_JUMPF || op == OPC_JUMPT || op == OPC_JUMPFK ||
        op == OPC_JUMPTK || op == OPC_LOOP)
        fprintf(f, "  ; -> %ld", (long)(pc + 2) + (int32_t)p->code[pc + 1]);
    if (op == OPC_CALL) {
        const CallSite *cs = &p->sites[p->code[pc + 1]];
        const char *sig = cs->def->sig;
        int len = 0;
        while (sig[len] && sig[len] != '(' && sig[len] != ' ')
            len++;
        fprintf(f, "  ; %.*s/%d", len, sig, cs->nargs);
    }
    return 1 + (size_t)n;
}

void program_disasm(const Program *p, void *file) {
    FILE *f = file;
    fprintf(f, "; %s: %s \"%s\", Pine v%d\n", p->file, p->is_strategy ? "strategy" : "indicator",
            p->title ? p->title : "", p->version);
    fprintf(f,
            "; %zu code words, %d constants, %d slots, %d history rings, %d call sites, "
            "%d plots, max stack %d\n",
            p->ncode, p->nconsts, p->nslots, p->nrings, p->nsites, p->nplots, p->max_stack);
    for (int i = 0; i < p->nrings; i++)
        fprintf(f, "; ring %d: %s depth %d%s\n", i, p->rings[i].name ? p->rings[i].name : "(temp)",
                p->rings[i].depth, p->rings[i].keep ? " var" : "");
    for (int i = 0; i < p->nplots; i++) {
        fprintf(f, "; plot %d: \"%s\" offset %d", i, p->plots[i].title, p->plots[i].offset);
        if (p->plots[i].has_color) fprintf(f, " color #%08X", p->plots[i].color);
        fputc('\n', f);
    }
    int last_line = -1;
    for (size_t pc = 0; pc < p->ncode;) {
        uint32_t op = p->code[pc];
        int line = p->lines[pc] >> 12;
        if (op >= OPC__COUNT) {
            fprintf(f, "%6zu  ??? %u\n", pc, op);
            pc++;
            continue;
        }
        if (line != last_line)
            fprintf(f, "%5d ", line);
        else
            fprintf(f, "    | ");
        last_line = line;
        fprintf(f, "%6zu  ", pc);
        size_t len = program_disasm_insn(p, pc, f);
        fputc('\n', f);
        pc += len;
    }
}

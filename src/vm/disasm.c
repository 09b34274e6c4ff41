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

/* The call site numbered [local] in frame [frame]. */
static const CallSite *site_of(const Program *p, int frame, uint32_t local) {
    for (int i = 0; i < p->nsites; i++)
        if (p->sites[i].frame == frame && p->sites[i].local == (int)local) return &p->sites[i];
    return NULL;
}

/* The frame whose code holds word [pc]. */
static int frame_at(const Program *p, size_t pc) {
    for (int i = 1; i < p->nframes; i++)
        if (pc >= p->frames[i].entry && pc < p->frames[i].end) return i;
    return 0;
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
    if (op == OPC_CALLF && p->code[pc + 1] < (uint32_t)p->nfcalls)
        fprintf(f, "  ; %s", p->frames[p->fcalls[p->code[pc + 1]].callee].name);
    const CallSite *cs = op == OPC_CALL ? site_of(p, frame_at(p, pc), p->code[pc + 1]) : NULL;
    if (cs) {
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
    for (int i = 0; i < p->nrings; i++) {
        const RingSpec *r = &p->rings[i];
        fprintf(f, "; ring %d: %s depth %d%s", r->local, r->name ? r->name : "(temp)", r->depth,
                r->keep ? " var" : "");
        if (r->frame) fprintf(f, " in %s", p->frames[r->frame].name);
        fputc('\n', f);
    }
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
        int frame = frame_at(p, pc);
        if (frame && pc == p->frames[frame].entry) {
            const FrameSpec *fs = &p->frames[frame];
            fprintf(f, "; function %s: %d rings, %d call sites, %d var, %d once per call site\n",
                    fs->name, fs->nrings, fs->nsites, fs->nvars, fs->nonces);
            last_line = -1;
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

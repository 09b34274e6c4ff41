# A CSV field splitter that honours "" quoting, shared by tests/run.sh and tests/conformance.sh
# (prepended to their awk programs). Returns the number of fields put in f[1..n].
function csvsplit(s, f,    n, i, c, fld, q, len) {
    sub(/\r$/, "", s)
    if (index(s, "\"") == 0) return split(s, f, ",")
    n = 0; fld = ""; q = 0; len = length(s)
    for (i = 1; i <= len; i++) {
        c = substr(s, i, 1)
        if (q) {
            if (c == "\"") {
                if (substr(s, i + 1, 1) == "\"") { fld = fld "\""; i++ } else q = 0
            } else fld = fld c
        } else if (c == "\"") q = 1
        else if (c == ",") { f[++n] = fld; fld = "" }
        else fld = fld c
    }
    f[++n] = fld
    return n
}

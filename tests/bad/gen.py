#!/usr/bin/env python3
"""Writes the malformed scripts and bar files of tests/bad/ (run from anywhere: python3
tests/bad/gen.py). Each script carries the directives saying the exact message and exit code;
the large ones (100,000-level nesting) are generated rather than typed. Re-run after editing a
case; the expected messages are written here, by hand, not taken from pine's output."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs('data', exist_ok=True)
V = '//@version=5\n'
N = 100000
M = 10000  # enough to pass every limit where 100,000 would only make a bigger file


def script(name, about, body, directives):
    """tests/bad/NAME.pine: version line, a comment, the directives, then [body] (bytes or
    text). Error locations in [directives] count these header lines: the body starts on
    line 3 + len(directives)."""
    head = (V + '// ' + about + '\n' + ''.join('// %s\n' % d for d in directives)).encode()
    data = body if isinstance(body, bytes) else body.encode()
    with open(name + '.pine', 'wb') as f:
        f.write(head + data)


def data(name, content):
    with open('data/' + name, 'wb') as f:
        f.write(content if isinstance(content, bytes) else content.encode())


def compile_error(name, about, body, errors):
    """[errors]: (line within body, col, message); lines count from 1 at the body's first."""
    k = len(errors)
    script(name, about, body,
           ['expect error: %d:%d: %s' % (3 + k + l - 1, c, m) for (l, c, m) in errors])


def runtime_error(name, about, body, line, col, msg, bar, when, args=None):
    """[line] None: the location is not checked (see the note at the loop cases)."""
    d = ['expect runtime error: %s' % msg]
    if args:
        d.insert(0, 'args: ' + args)
    where = 'tests/bad/%s.pine:%d:%d: ' % (name, 3 + len(d) + line, col) if line else ''
    d.append('expect stderr: %sruntime error: %s (bar %d, %s)' % (where, msg, bar, when))
    script(name, about, body, d)


# ====== source encoding: exit 3, the line and column of the first bad byte
IND = 'indicator("x")\n'
enc = [
    ('utf8_truncated_sequence', 'a lead byte without its continuation byte',
     b'plot(close, "\xc3")\n', 1, 14, 0xC3),
    ('utf8_overlong_slash', 'an overlong encoding of "/" (C0 AF) is not UTF-8',
     b'plot(close, "\xc0\xaf")\n', 1, 14, 0xC0),
    ('utf8_surrogate', 'an encoded UTF-16 surrogate (ED A0 80) is not UTF-8, even in a comment',
     b'x = 1 // \xed\xa0\x80\nplot(x, "x")\n', 1, 10, 0xED),
    ('utf8_above_u10ffff', 'a code point above U+10FFFF (F4 90 80 80) is not UTF-8',
     b'plot(close, "\xf4\x90\x80\x80")\n', 1, 14, 0xF4),
    ('utf8_lone_continuation', 'a continuation byte without a lead byte',
     b'plot(close, "a\x80b")\n', 1, 15, 0x80),
    ('utf8_in_identifier', 'a byte that never occurs in UTF-8 (FF) inside a name',
     b'x\xff = 1\nplot(x, "x")\n', 1, 2, 0xFF),
    ('latin1_source', 'a Latin-1 file (e9 for e-acute) is not UTF-8',
     b'indicator("Caf\xe9")\nplot(close, "c")\n', 1, 15, 0xE9),
]
for name, about, body, l, c, byte in enc:
    b = body if name == 'latin1_source' else IND.encode() + body
    ll = l if name == 'latin1_source' else l + 1
    compile_error(name, about, b, [(ll, c, 'invalid UTF-8 byte 0x%02X in the source' % byte)])

compile_error('control_char_escape', 'a raw ESC character outside a string',
              IND + 'x = 1 \x1b 2\nplot(x, "x")\n', [(2, 7, 'unexpected control character 0x1B')])
compile_error('nul_byte_in_code', 'a NUL byte in the code',
              IND + 'x = 1 +\x00 2\nplot(x, "x")\n', [(2, 8, 'unexpected control character 0x00')])
compile_error('bom_in_middle', 'a byte-order mark is only allowed at the very start',
              IND + 'x = \ufeff1\nplot(x, "x")\n', [(2, 5, 'unexpected character `\ufeff`')])

# Files that cannot carry directives themselves: checked through a `cmd:` script.
data('empty_script.txt', '')
data('whitespace_script.txt', '   \n\n\t\n')
data('utf16_script.txt', (V + IND + 'plot(close)\n').encode('utf-16'))
for name, f, msgs in [
        ('empty_script', 'empty_script.txt',
         ['1:1: error: missing //@version=5 or //@version=6 annotation']),
        ('whitespace_script', 'whitespace_script.txt',
         ['1:1: error: missing //@version=5 or //@version=6 annotation']),
        ('utf16_script', 'utf16_script.txt',
         ['1:1: error: invalid UTF-8 byte 0xFF in the source'])]:
    script(name, 'the script ' + f + ' is rejected before parsing', '',
           ['cmd: check tests/bad/data/' + f, 'expect exit: 3'] +
           ['expect stderr: tests/bad/data/%s:%s' % (f, m) for m in msgs])

# ====== nesting and sizes: exit 3, never a stack overflow
DEEP = 'more than 1000 levels'
compile_error('nested_parens_100000', '100,000 nested parentheses',
              IND + 'x = ' + '(' * N + '1' + ')' * N + '\nplot(x, "x")\n',
              [(2, 1005, 'brackets are nested too deeply (%s)' % DEEP)])
compile_error('nested_calls_10000', '10,000 nested calls',
              IND + 'x = ' + 'math.abs(' * M + '1' + ')' * M + '\nplot(x, "x")\n',
              [(2, 9013, 'brackets are nested too deeply (%s)' % DEEP)])
compile_error('nested_array_literal', '10,000 nested [ (not even valid once)',
              IND + 'x = ' + '[' * M + '1' + ']' * M + '\nplot(x, "x")\n',
              [(2, 5, 'unexpected `[`'), (2, 1006, 'brackets are nested too deeply (%s)' % DEEP)])
compile_error('nested_history_10000', '10,000 chained history references close[0][0]...',
              IND + 'x = close' + '[0]' * M + '\nplot(x, "x")\n',
              [(2, 5, 'this expression is too long or too deeply nested (more than 4000 levels)')])
compile_error('long_sum_100000', 'a sum of 100,001 terms',
              IND + 'x = 1' + ' + 1' * N + '\nplot(x, "x")\n',
              [(2, 5, 'this expression is too long or too deeply nested (more than 4000 levels)')])
compile_error('nested_unary_minus_100000', '100,000 unary minus signs',
              IND + 'x = ' + '-' * N + '1\nplot(x, "x")\n',
              [(2, 10000, 'expression is too deeply nested')])
compile_error('nested_not_10000', '10,000 `not` operators',
              IND + 'x = ' + 'not ' * M + 'true\nplot(x ? 1 : 0, "x")\n',
              [(2, 39985, 'expression is too deeply nested')])
compile_error('long_ternary_chain_10000', '10,000 chained ternaries',
              IND + 'x = ' + 'close > 1 ? 1 : ' * M + '0\nplot(x, "x")\n',
              [(2, 39987, 'expression is too deeply nested')])
compile_error('deep_function_nesting', '100 user functions each calling the previous one',
              IND + ''.join('f%d(x) => f%d(x) + 1\n' % (i, i - 1) if i else 'f0(x) => x\n'
                            for i in range(100)) + 'plot(f99(close), "x")\n',
              [(38, 11, 'functions nested too deeply (64 levels)')])
compile_error('integer_literal_too_large', 'an integer literal beyond 64 bits',
              IND + 'plot(99999999999999999999999, "x")\n',
              [(2, 6, 'integer `99999999999999999999999` is too large')])
compile_error('float_literal_too_large', 'a float literal beyond the double range',
              IND + 'plot(1e999, "x")\n', [(2, 6, 'number `1e999` is too large')])
compile_error('unterminated_string', 'a string literal that runs to the end of the line',
              IND + 's = "abc\nplot(close, "x")\n', [(2, 5, 'unterminated string')])
compile_error('unterminated_string_eof', 'a string literal that runs to the end of the file',
              IND + 's = "abc', [(2, 5, 'unterminated string')])
compile_error('negative_history_literal', 'a literal negative history offset',
              IND + 'plot(close[-1], "x")\n', [(2, 12, 'a history offset cannot be negative (-1)')])
compile_error('max_bars_back_too_large', 'max_bars_back is at most 5000 (as on TradingView)',
              'indicator("x", max_bars_back = 100000)\nplot(close, "x")\n',
              [(1, 32, 'max_bars_back must be between 1 and 5000')])
compile_error('declaration_arg_twice', 'a declaration argument given by position and by name',
              'indicator("Args", "A", title = "c")\nplot(close, "c")\n',
              [(1, 24, 'argument `title` is given twice')])
compile_error('version_99', 'only versions 5 and 6 exist', '',
              [])  # rewritten below: the version line is the error
with open('version_99.pine', 'w') as f:
    f.write('//@version=99\n// only versions 5 and 6 are supported\n'
            '// expect error: 1:1: pine supports //@version=5 and 6; this script is version 99\n'
            'indicator("x")\nplot(close, "c")\n')
compile_error('two_declarations', 'a second declaration statement',
              'indicator("a")\nindicator("b")\nplot(close, "c")\n',
              [(2, 1, 'the script already has a declaration statement')])
script('many_errors', '200 errors: the first 50 are shown, then a note that pine stopped',
       IND + ''.join('x%d = undefined_%d\n' % (i, i) for i in range(200)),
       ['cmd: check {file}', 'expect exit: 3',
        'expect stderr: tests/bad/many_errors.pine:8:6: error: undeclared identifier `undefined_0`',
        'expect stderr: tests/bad/many_errors.pine: too many errors, stopping'])

# ====== run-time limits: exit 1, the line and the bar
T0 = '2023-01-01T00:00:00+00:00'
runtime_error('array_new_over_limit', 'an array is at most 100,000 elements',
              IND + 'a = array.new_float(100001)\nplot(array.size(a), "n")\n', 2, 5,
              'array size 100001 exceeds the limit of 100000 elements', 0, T0)
runtime_error('array_push_over_limit', 'pushing the 100,001st element (on the fifth bar)',
              IND + 'var a = array.new_float(0)\nfor i = 0 to 20000\n    array.push(a, i)\n'
              'plot(array.size(a), "n")\n', 4, 5,
              'array size 100001 exceeds the limit of 100000 elements', 4,
              '2023-01-01T04:00:00+00:00')
runtime_error('array_get_out_of_bounds', 'reading past the end of an array',
              IND + 'a = array.new_float(3, 1)\nplot(array.get(a, 5), "x")\n', 3, 6,
              "In 'array.get()' function. Index 5 is out of bounds. Array size is 3", 0, T0)
# A loop that runs too long is reported at its `while`/`for` line.
runtime_error('loop_infinite_while', 'a loop that never ends is stopped (--max-loop-ms)',
              IND + 'x = 0\nwhile true\n    x += 1\nplot(x, "x")\n', 3, 1,
              'loop takes too long: more than 50 ms on one bar (--max-loop-ms)', 0, T0,
              args='--max-loop-ms 50')
runtime_error('loop_huge_for', 'a for loop over 1e15 values is stopped (--max-loop-ms)',
              IND + 'x = 0.0\nfor i = 0 to 1e15\n    x += i\nplot(x, "x")\n', 3, 1,
              'loop takes too long: more than 50 ms on one bar (--max-loop-ms)', 0, T0,
              args='--max-loop-ms 50')
runtime_error('loop_step_zero', 'a for loop whose step is 0 at run time',
              IND + 'x = 0\nstep = bar_index * 0\nfor i = 0 to 10 by step\n    x += 1\n'
              'plot(x, "x")\n', 4, 1, 'a `for` loop step cannot be 0', 0, T0)
runtime_error('history_dynamic_beyond_limit', 'a dynamic offset deeper than max_bars_back',
              'indicator("x", max_bars_back = 50)\nv = close * 2\nn = bar_index == 9 ? 60 : 0\n'
              'plot(v[n], "x")\n', 4, 6,
              "the history offset 60 is beyond the historical buffer's limit (50); use "
              'max_bars_back', 9, '2023-01-01T09:00:00+00:00')
runtime_error('history_negative_dynamic', 'a negative offset computed at run time',
              IND + 'v = close * 2\nn = bar_index - 20\nplot(v[n], "x")\n', 4, 6,
              'negative history offset -20', 0, T0)
runtime_error('string_doubling', 'a string doubled past the 1 MiB limit',
              IND + 'var s = "ab"\nfor i = 0 to 40\n    s := s + s\nplot(str.length(s), "n")\n',
              4, 10, 'a string of 2097152 bytes is longer than the limit of 1048576 bytes', 0, T0)
runtime_error('string_repeat_huge', 'str.repeat past the string limit',
              IND + 's = str.repeat("abcdefgh", 1000000000)\nplot(str.length(s), "n")\n', 2, 5,
              'str.repeat(): the result would be too long', 0, T0)

# ====== command line: exit 2
CLI = [
    ('cli_max_loop_ms_zero', 'run {file} --data {data} --max-loop-ms 0',
     'pine: --max-loop-ms needs a positive integer, got "0"'),
    ('cli_max_loop_ms_text', 'run {file} --data {data} --max-loop-ms abc',
     'pine: --max-loop-ms needs a positive integer, got "abc"'),
    ('cli_data_is_directory', 'run {file} --data tests/bad/data --out {out}',
     'tests/bad/data: Is a directory'),
    ('cli_script_is_directory', 'check tests/bad', 'pine: cannot read tests/bad: Is a directory'),
    ('cli_unknown_timezone', 'run {file} --data {data} --timezone Mars/Olympus --out {out}',
     '--timezone "Mars/Olympus" is not a time zone'),
    ('cli_out_in_missing_dir', 'run {file} --data {data} --out tests/bad/no/such/dir/out.csv',
     'pine: cannot write tests/bad/no/such/dir/out.csv: No such file or directory'),
    ('cli_input_without_value', 'run {file} --data {data} --input len',
     'pine: --input needs NAME=VALUE, got "len"'),
]
for name, cmd, msg in CLI:
    script(name, 'bad command line: ' + cmd.split('{data}')[-1].strip(),
           IND + 'plot(close, "c")\n', ['cmd: ' + cmd, 'expect exit: 2', 'expect stderr: ' + msg])
script('cli_input_bad_int', 'an --input value that is not an int',
       IND + 'len = input.int(3, "len")\nplot(ta.sma(close, len), "c")\n',
       ['cmd: run {file} --data {data} --input len=abc --out {out}', 'expect exit: 2',
        'expect stderr: error: --input len=abc: int `len` (line 7) expects an int, got "abc"'])

# ====== bar files: exit 2, `file:line: column: problem`
H = 'time,open,high,low,close,Volume\n'


def row(t, o, h, l, c, v):
    return '%s,%s,%s,%s,%s,%s\n' % (t, o, h, l, c, v)


G = [row(1672531200 + 3600 * i, 10, 11, 9, 10, 100) for i in range(3)]
T1 = 1672534800
CSV = [
    ('empty', '', 'empty file', None),
    ('blank_lines', '\n\n\n', 'empty file', None),
    ('bom_only', b'\xef\xbb\xbf', 'empty file', None),
    ('header_only', H, 'no bars after the header', None),
    ('only_header_no_newline', 'time,open,high,low,close', 'no bars after the header', None),
    ('invalid_utf8_header', b'time,open,high,low,cl\xffose,Volume\n' + ''.join(G).encode(),
     'invalid UTF-8 in the header', 1),
    ('latin1_header', b'time,open,high,low,close,Volum\xe9\n' + ''.join(G).encode(),
     'invalid UTF-8 in the header', 1),
    ('utf16', (H + ''.join(G)).encode('utf-16'), 'invalid UTF-8 in the header', 1),
    ('invalid_utf8_field', (H + G[0]).encode() + b'1672534800,10,11,9,1\xc30,100\n',
     'close: ', 3),
    ('price_not_a_number', H + G[0] + row(T1, 10, 11, 9, 'ten', 100),
     'close: "ten" is not a number', 3),
    ('price_infinite', H + G[0] + row(T1, 10, 'inf', 9, 10, 100), 'high: "inf" is not a number', 3),
    ('price_hex', H + G[0] + row(T1, '0x10', 11, 9, 10, 100), 'open: "0x10" is not a number', 3),
    ('price_huge_exponent', H + G[0] + row(T1, 10, '1e400', 9, 10, 100),
     'high: "1e400" is not a number', 3),
    ('nul_bytes', (H + G[0]).encode() + b'1672534800,10\x00,11,9,10,100\n',
     'open: "10" is not a number', 3),
    ('huge_field', H + G[0] + '1672534800,' + '1' * 100000 + ',11,9,10,100\n',
     'open: "' + '1' * 63 + '" is not a number', 3),
    ('missing_close_column', 'time,open,high,low,Volume\n1672531200,10,11,9,100\n',
     'missing column "close" (found: time, open, high, low, Volume)', 1),
    ('missing_time_column', 'open,high,low,close\n10,11,9,10\n',
     'missing column "time" (found: open, high, low, close)', 1),
    ('too_few_fields', H + G[0] + '1672534800,10,11\n', 'expected 6 fields, found 3', 3),
    ('too_many_fields', H + G[0] + '1672534800,10,11,9,10,100,7,8\n',
     'expected 6 fields, found 8', 3),
    ('unterminated_quote', H + G[0] + '1672534800,"10,11,9,10,100\n', 'expected 6 fields, found 2', 3),
    ('huge_header_line', 'time,open,high,low,close,' + ','.join('c%d' % i for i in range(M)) +
     '\n' + G[0], 'expected 10005 fields, found 6', 2),
    ('time_not_ascending', H + G[1] + G[0],
     'time: 1672531200 is not after the previous bar (line 2)', 3),
    ('time_duplicate', H + G[0] + G[0], 'time: 1672531200 duplicates line 2', 3),
    ('time_garbage', H + row('yesterday', 10, 11, 9, 10, 100),
     'time: "yesterday" is not a date-time', 2),
    ('time_year_99999', H + row('99999-01-01T00:00:00Z', 10, 11, 9, 10, 100),
     'time: "99999-01-01T00:00:00Z" is not a date-time', 2),
    ('time_bad_month', H + row('2023-13-01T00:00:00Z', 10, 11, 9, 10, 100),
     'time: "2023-13-01T00:00:00Z" is not a date-time', 2),
    ('time_bad_offset', H + row('2023-01-01T00:00:00+99:00', 10, 11, 9, 10, 100),
     'time: "2023-01-01T00:00:00+99:00" is not a date-time', 2),
    ('time_unix_overflow', H + row('99999999999999999999999', 10, 11, 9, 10, 100),
     'time: "99999999999999999999999" is not a date-time', 2),
    ('high_below_low', H + G[0] + row(T1, 10, 8, 9, 10, 100), 'high: 8 is below low 9', 3),
    ('several_symbols', 'date,open,high,low,close,volume,symbol\n'
     '2023-01-01,10,11,9,10,100,AAA\n2023-01-01,10,11,9,10,100,BBB\n',
     'symbol: the file holds several symbols (AAA, BBB); pick one', None),
    ('binary_garbage', bytes(range(256)) * 4, None, None),
]
for name, content, msg, line in CSV:
    data(name + '.csv', content)
    p = 'tests/bad/data/%s.csv' % name
    d = ['cmd: run {file} --data %s --out {out}' % p, 'expect exit: 2']
    if msg is not None:
        where = p + (':%d' % line if line else '')
        d.append('expect stderr: %s: %s' % (where, msg))
    else:
        d.append('expect stderr: ' + p)
    script('csv_' + name, 'a bad bar file: ' + name.replace('_', ' '),
           IND + 'plot(close, "c")\n', d)

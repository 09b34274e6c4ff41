/* Number and time text for CSV files: JavaScript-style shortest round-trip doubles (what
 * TradingView's exports contain), a strict decimal parser, and ISO 8601 date-times computed
 * with the calendar arithmetic of tz.h rather than gmtime. */
#include "data/numfmt.h"
#include "data/tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* {====== DIGITS */

static const char DIGIT_PAIRS[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static const uint64_t POW10[20] = {
    1ull,
    10ull,
    100ull,
    1000ull,
    10000ull,
    100000ull,
    1000000ull,
    10000000ull,
    100000000ull,
    1000000000ull,
    10000000000ull,
    100000000000ull,
    1000000000000ull,
    10000000000000ull,
    100000000000000ull,
    1000000000000000ull,
    10000000000000000ull,
    100000000000000000ull,
    1000000000000000000ull,
    10000000000000000000ull,
};

// The number of decimal digits of [u].
static int digit_count(uint64_t u) {
    int t = ((64 - __builtin_clzll(u | 1)) * 1233) >> 12; /* floor(log10(2^bits)) */
    return t + (u >= POW10[t]);
}

/* Writes the 8 digits of [v] < 10^8, leading zeros included: v / 10^6 in fixed point with 48
 * fraction bits, then each pair from the fraction times 100. Rounding 2^48 / 10^6 up errs by
 * less than 10^8 · 100^3 / 2^48 < 0.36 of a unit in the last pair, too little to change one. */
static void put8(char *out, uint32_t v) {
    const uint64_t mask = (1ull << 48) - 1;
    uint64_t t = (uint64_t)v * 281474977; /* ceil(2^48 / 10^6) */
    memcpy(out, DIGIT_PAIRS + 2 * (t >> 48), 2);
    t = (t & mask) * 100;
    memcpy(out + 2, DIGIT_PAIRS + 2 * (t >> 48), 2);
    t = (t & mask) * 100;
    memcpy(out + 4, DIGIT_PAIRS + 2 * (t >> 48), 2);
    t = (t & mask) * 100;
    memcpy(out + 6, DIGIT_PAIRS + 2 * (t >> 48), 2);
}

// The 17 digits of [u] < 10^17, leading zeros included.
static void put17(char *out, uint64_t u) {
    uint64_t hi = u / 100000000;
    out[0] = (char)('0' + hi / 100000000);
    put8(out + 1, (uint32_t)(hi % 100000000));
    put8(out + 9, (uint32_t)(u - hi * 100000000));
}

// Writes the last [n] decimal digits of [u] to out[0..n).
static void put_digits(char *out, uint64_t u, int n) {
    char d[20];
    if (n > 17) {
        uint64_t hi = u / 100000000000000000ull;
        put_digits(out, hi, n - 17);
        out += n - 17;
        u -= hi * 100000000000000000ull;
        n = 17;
    }
    put17(d, u);
    memcpy(out, d + 17 - n, (size_t)n);
}

// Writes the decimal digits of [u] to [out] (no terminator); returns how many.
static int put_u64(char *out, uint64_t u) {
    int n = digit_count(u);
    put_digits(out, u, n);
    return n;
}

/* }====== */

/* {====== SHORTEST DIGITS
 * The idea of Giulietti's Schubfach ("The Schubfach way to render doubles", 2020). The doubles
 * that read back as v = c·2^q are those in its rounding interval, which is 2^q wide (3/4 of
 * that when c is a power of two and the lower neighbour is nearer). Pick k with
 * 10^k <= that width < 10^(k+1): the interval then holds one or more integer multiples of 10^k
 * and at most one of 10^(k+1). So the shortest decimal is that multiple of 10^(k+1) when there
 * is one, else the multiple of 10^k nearest to v. Comparing needs v and the bounds times 10^-k
 * only to the nearest quarter with the information "exact or not": g·cp rounded to odd, with a
 * 126-bit g just above 10^-k, gives exactly that (the paper proves it); one 64×128-bit product
 * per value. */

__extension__ typedef unsigned __int128 u128;

#define K_MIN (-325)

/* G[k - K_MIN] = floor(10^-k / 2^r) + 1 with r such that 2^125 < G <= 2^126, high and low 64
 * bits, for k in [-325, 292]. Generated with exact rational arithmetic (Python's Fraction):
 *   for k in range(-325, 293): x = Fraction(10) ** -k; r = floor(log2(x)) - 125
 *                              g = floor(x / 2 ** r) + 1 */
static const uint64_t G[618][2] = {
    {0x3168149dd886f8a4ull, 0xf1c262dcc1490622ull}, {0x278676e4ad38c6eaull, 0x5b01e8b09aa0d1b5ull},
    {0x3f3d8b077b8e0b10ull, 0x919ca780f767b5eeull}, {0x3297a26c62d808daull, 0x0e16ec672c52f7f2ull},
    {0x28794ebd1be00714ull, 0xd81256b8f0425ff5ull}, {0x20610bca7cb338ddull, 0x79a84560c0351991ull},
    {0x33ce7943fab85afbull, 0xf5da089acd21c281ull}, {0x2971fa9cc8937bfcull, 0xc4ae6d48a41b0201ull},
    {0x2127fbb0a075fccaull, 0x36f1f106e9af34cdull}, {0x350cc5e767232e10ull, 0x57e981a4a918547bull},
    {0x2a709e52b8e8f1a6ull, 0xacbace1d541376c9ull}, {0x21f3b1dbc720c152ull, 0x23c8a4e44342c56eull},
    {0x3652b62c71ce021dull, 0x060dd4a06b9e08b0ull}, {0x2b755e89f4a4ce7dull, 0x9e7176e6bc7e6d59ull},
    {0x22c44ba19083d864ull, 0x7ec12bebc9febde1ull}, {0x37a0790280d2f3d3ull, 0xfe01dfdfa9979635ull},
    {0x2c8060cecd758fdcull, 0xcb34b319547944f7ull}, {0x2399e70bd7913fe3ull, 0xd5c3c27aa9fa9d93ull},
    {0x38f63e7958e86639ull, 0x560603f7765dc8eaull}, {0x2d91cb94472051c7ull, 0x7804cff92b7e3a55ull},
    {0x2474a2dd05b3749full, 0x93370cc755fe9511ull}, {0x3a5437c8091f20ffull, 0x51f1ae0bbcca881bull},
    {0x2ea9c639a0e5b3ffull, 0x74c1580963d539afull}, {0x25549e9480b7c332ull, 0xc3cde0078310faf3ull},
    {0x3bba97540126051eull, 0x0616333f381b2b1eull}, {0x2fc8791000eb374bull, 0x3811c298f9af55b1ull},
    {0x2639fa7333ef5f6full, 0x600e35472e25de28ull}, {0x3d2990b8531898b2ull, 0x3349eed849d6303full},
    {0x30ee0d60427a13c1ull, 0xc2a18be03b11c033ull}, {0x2724d780352e7634ull, 0x9bb46fe695a7ccf5ull},
    {0x3ea158cd21e3f054ull, 0x2c53e63dbc3fae55ull}, {0x321aad70e7e98d10ull, 0x237651cafcffbeaaull},
    {0x2815578d865470d9ull, 0xb5f8416f30cc9888ull}, {0x201112d79ea9f3e1ull, 0x5e603458f3d6e06dull},
    {0x334e848c310fec9bull, 0xca3386f4b957cd7bull}, {0x290b9d3cf40cbd49ull, 0x6e8f9f2a2ddfd796ull},
    {0x20d61763f670976dull, 0xf20c7f54f17fdfabull}, {0x3489bf06571a8be3ull, 0x1ce0cbbb1bffcc45ull},
    {0x2a07cc05127ba31cull, 0x171a3c95afffd69eull}, {0x219fd66a752fb5b0ull, 0x127b63aaf3331218ull},
    {0x35cc8a43eeb2bc4cull, 0xea5f05de51eb5026ull}, {0x2b0a0836588efd0aull, 0x5518d17ea7ef7352ull},
    {0x226e6cf846d8ca6eull, 0xaa7a41321ff2c2a8ull}, {0x371714c0715add7dull, 0xdd906850331e043full},
    {0x2c1277005aaf1797ull, 0xe47386a68f4b3699ull}, {0x2341f8cd1558dfacull, 0xb6c2d21ed908f87bull},
    {0x38698e14eef49914ull, 0x579e1cfe280e5a5dull}, {0x2d213e7725907a76ull, 0xac7e7d98200b7b7eull},
    {0x241a985f514061f8ull, 0x89fecae019a2c932ull}, {0x39c426fee8670327ull, 0x43314499c29e0eb6ull},
    {0x2e368598b9ec0285ull, 0xcf5a9d47cee4d891ull}, {0x24f86ae094bcced1ull, 0x72aee4397250ad41ull},
    {0x3b27116754614ae8ull, 0xb77e39f583b44868ull}, {0x2f527452a9e76f20ull, 0x92cb61913629d387ull},
    {0x25db90422185f280ull, 0x756f8140f8217605ull}, {0x3c928069cf3cb733ull, 0xef18cece59cf233cull},
    {0x30753387d8fd5f5cull, 0xbf470bd847d8e8fdull}, {0x26c429397a644c4aull, 0x329f3cad064720caull},
    {0x3e06a85bf706e076ull, 0xb7652de1a3a50143ull}, {0x319eed165f38b392ull, 0x2c50f1814fb73436ull},
    {0x27b2574518fa2941ull, 0xbd0d8e010c92902bull}, {0x3f83bed4f4c37535ull, 0xfb48e334e0ea8045ull},
    {0x32cfcbdd909c5dc4ull, 0xc9071c2a4d88669dull}, {0x28a63cb1407d17d0ull, 0xa0d27ceea46d1ee4ull},
    {0x2084fd5a99fdaca6ull, 0xe70eca58838a7f1dull}, {0x3407fbc42995e10bull, 0x0b4add5a6c10cb62ull},
    {0x299ffc9cee1180d5ull, 0xa2a24aaebcda3c4eull}, {0x214cca1724dacd77ull, 0xb54ea22563e1c9d8ull},
    {0x3547a9bea15e158cull, 0x554a9d089fcfa95aull}, {0x2a9fbafee77e77a3ull, 0x776ee406e63fbaaeull},
    {0x2219626585fec61cull, 0x5f8be99f1e996225ull}, {0x368f03d5a3313cfaull, 0x327975cb64289d08ull},
    {0x2ba59caae8f430c8ull, 0x28612b091ced4a6dull}, {0x22eae3bbed902706ull, 0x86b4226db0bdd524ull},
    {0x37de392caf4d0b3dull, 0xa4536a491ac95506ull}, {0x2cb1c756f2a408feull, 0x1d0f883a7bd44405ull},
    {0x23c16c458ee9a0cbull, 0x4a72d361fca9d004ull}, {0x39357a08e4a90145ull, 0x43eaebcffaa94cd3ull},
    {0x2dc461a0b6ed9a9dull, 0xcfef230cc88770a9ull}, {0x249d1ae6f8be154bull, 0x0cbf4f3d6d3926eeull},
    {0x3a94f7d7f4635544ull, 0xe1321862485b717cull}, {0x2edd931329e91103ull, 0xe75b46b506af8dfdull},
    {0x257e0f4287eda736ull, 0x52af6bc405593e64ull}, {0x3bfce5373fe2a523ull, 0xb77f12d33bc1fd6dull},
    {0x2ffd842c331bb74full, 0xc5ff42429634cabdull}, {0x266469bcf5afc5d9ull, 0x6b329b68782a3bcbull},
    {0x3d6d75fb22b2d628ull, 0xab842bda59dd2c77ull}, {0x31245e628228ab53ull, 0xbc69bcaeae4a89f9ull},
    {0x27504b8201ba22a9ull, 0x6387ca25583ba194ull}, {0x3ee6df366929d10full, 0x05a6103bc05f68edull},
    {0x32524c2b8754a73full, 0x37b80cfc99e5ed8aull}, {0x2841d689391085ccull, 0x2c933d96e184be08ull},
    {0x2034aba0fa739e3cull, 0xf075cadf1ad09807ull}, {0x3387790190b8fd2eull, 0x4d8944982ae759a4ull},
    {0x29392d9ada2d9758ull, 0x3e076a135585e150ull}, {0x20fa8ae248247913ull, 0x64d2bb42aad1810dull},
    {0x34c4116a0d07281full, 0x07b7920444826815ull}, {0x2a367454d738ece5ull, 0x9fc60e69d0685344ull},
    {0x21c529dd78fa571eull, 0x196b3ebb0d20429dull}, {0x360842fbf4c3be96ull, 0x8f11fdf815006a94ull},
    {0x2b39cf2ff702fedeull, 0xd8db319344005543ull}, {0x2294a5bff8cf324bull, 0xe0af5adc3666aa9cull},
    {0x37543c665ae51d46ull, 0x344bc4938a3dddc7ull}, {0x2c4363851584176bull, 0x5d096a0fa1cb17d2ull},
    {0x23691c6a779cdf89ull, 0x173abb3fb4a27975ull}, {0x38a82d7725c7cc0eull, 0x8b912b992103f588ull},
    {0x2d535792849fd672ull, 0x0940efadb4032ad3ull}, {0x2442ac7536e64528ull, 0x07672624900288a9ull},
    {0x3a044721f1706ea6ull, 0x723ea36db337410eull}, {0x2e69d2818df38bb8ull, 0x5b654f8af5c5cda5ull},
    {0x25217534718fa2f9ull, 0xe2b772d5916b0aebull}, {0x3b68bb871c1904c3ull, 0x0458b7bc1bde77ddull},
    {0x2f86fc6c167a6a35ull, 0x9d13c630164b9318ull}, {0x260596bcdec854f7ull, 0xb0dc9e8cdea2dc13ull},
    {0x3cd5bdfafe0d54bfull, 0x8160fdae31049351ull}, {0x30aafe6264d776ffull, 0x9ab3fe24f403a90eull},
    {0x26ef31e850ac5f32ull, 0xe229981d9002eda5ull}, {0x3e4b830d4de09851ull, 0x69dc2695b337e2a1ull},
    {0x31d602710b1a1374ull, 0x54b01ede28f9821bull}, {0x27de685a6f480f90ull, 0x43c018b1ba6134e2ull},
    {0x3fca4090b20ce5b3ull, 0x9f99c11c5d68549dull}, {0x330833a6f4d71e29ull, 0x4c7b00e37ded107eull},
    {0x28d35c8590ac1821ull, 0x09fc00b5fe574065ull}, {0x20a916d14089ace7ull, 0x3b3000919845cd1dull},
    {0x3441be1b9a75e171ull, 0xf84ccdb5c06fae95ull}, {0x29ce31afaec4b45bull, 0x2d0a3e2b00595877ull},
    {0x2171c159589d5d15ull, 0xbda1cb5599e11393ull}, {0x3582cef55a9561bcull, 0x629c7888f634ec1eull},
    {0x2acf0bf77baab496ull, 0xb549fa072b5d89b1ull}, {0x223f3cc5fc889078ull, 0x9107fb38ef7e07c1ull},
    {0x36cb946ffa741a5aull, 0x81a65ec17f300c68ull}, {0x2bd610599529aeaeull, 0xce1eb23465c009edull},
    {0x2311a6ae10ee2558ull, 0xa4e55b5d1e333b24ull}, {0x381c3de34e49d55aull, 0xa16ef894fd1ec506ull},
    {0x2ce364b5d83b1115ull, 0x4df2607730e56a6cull}, {0x23e91d5e4695a744ull, 0x3e5b805f5a5121f0ull},
    {0x3974fbca0a890ba0ull, 0x63c59a322a1b697full}, {0x2df72fd4d53a6fb3ull, 0x83047b5b54e2baccull},
    {0x24c5bfdd7761f2f6ull, 0x0269fc4910b5623dull}, {0x3ad5ffc8bf031e56ull, 0x6a432d41b45569fbull},
    {0x2f11996d659c1845ull, 0x21cf5767c37787fcull}, {0x25a7adf11e1679d0ull, 0xe7d912b9692c6ccaull},
    {0x3c3f7cb4fcf0c2e7ull, 0xd95b5128a8471476ull}, {0x3032ca2a63f3cf1full, 0xe115da86ed05a9f8ull},
    {0x268f0821e98fd8e6ull, 0x4dab1538bd9e2193ull}, {0x3db1a69ca8e627d6ull, 0xe2ab552795c9cf52ull},
    {0x315aebb0871e8645ull, 0x8222aa86116e3f75ull}, {0x277befc06c186b6aull, 0xce822204dabe992aull},
    {0x3f2cb2cd79c0abdeull, 0x17369cd49130f510ull}, {0x328a28a46166efe4ull, 0xdf5ee3dd40f3f740ull},
    {0x286e86e9e7858cb7ull, 0x1918b64a9a5cc5cdull}, {0x20586bee52d13d5full, 0x4746f83baeb09e3eull},
    {0x33c0acb08481fbcbull, 0xa53e59f91780fd2full}, {0x2966f08d36ce6309ull, 0x50feae60df9a6426ull},
    {0x211f26d75f0b826dull, 0xda65584d7faeb685ull}, {0x34fea48bcb459d7cull, 0x90a226e265e4573bull},
    {0x2a65506fd5d14acaull, 0x0d4e8581eb1d1295ull}, {0x21eaa6bfde4108a1ull, 0xa43ed134bc174211ull},
    {0x36443dffca01a769ull, 0x06cae85460253682ull}, {0x2b69cb33080152baull, 0x6bd586a9e6842b9bull},
    {0x22bb08f5a0010efbull, 0x89779eee52035616ull}, {0x3791a7ef666817f8ull, 0xdbf297e3b66bbcefull},
    {0x2c7486591eb9acc7ull, 0x165bacb62b8963f3ull}, {0x23906b7a7efaf09full, 0x451623c4efa11cc2ull},
    {0x38e7125d97f7e765ull, 0x3b569fa17f682e03ull}, {0x2d85a84adff985eaull, 0x95dee61acc535803ull},
    {0x246aed08b32e04bbull, 0xab18b8157042accfull}, {0x3a44ae7451e33ac5ull, 0xde8df355806aae18ull},
    {0x2e9d585d0e4f6237ull, 0xe53e5c4466bbbe7aull}, {0x254aad173ea5e82cull, 0xb765169d1efc9861ull},
    {0x3baaae8b976fd9e1ull, 0x256e8a94fe60f3cfull}, {0x2fbbbed612bfe180ull, 0xeabed543feb3f63full},
    {0x262fcbde75664e00ull, 0xbbcbddcffef65e99ull}, {0x3d194630bbd6e334ull, 0x5fac961997f0975bull},
    {0x30e104f3c978b5c3ull, 0x7fbd44e1465a12afull}, {0x271a6a5ca12d5e35ull, 0xffca9d810514dbbfull},
    {0x3e90aa2dceaefd23ull, 0x32ddc8ce6e87c5ffull}, {0x320d54f17225974full, 0x5be4a0a525396b32ull},
    {0x280aaa5ac1b7ac3full, 0x7cb6e6ea842def5cull}, {0x200888489af95699ull, 0x30925255368b25e3ull},
    {0x3340da0dc4c22428ull, 0x4db6ea21f0dea304ull}, {0x2900ae716a34e9b9ull, 0xd7c5881b2718826aull},
    {0x20cd585abb5d87c7ull, 0xdfd139af527a01efull}, {0x347bc0912bc8d93full, 0xcc81f5e550c3364aull},
    {0x29fc9a0dbca0adccull, 0xa39b2b1dda35c508ull}, {0x2196e1a496e6f170ull, 0x82e288e4ae916a6dull},
    {0x35be35d424a4b580ull, 0xd16a74a1174f10aeull}, {0x2afe917683b6f79aull, 0x4121f6e745d8da25ull},
    {0x2265412b9c925faeull, 0x9a8192529e4714ebull}, {0x37086845c7509917ull, 0x5d9c1d50fd3e87ddull},
    {0x2c06b9d16c407a79ull, 0x17b01773fdcb9fe4ull}, {0x233894a789cd2ec7ull, 0x4626792997d61984ull},
    {0x385a8772761517a5ull, 0x3d0a5b75bfbcf59full}, {0x2d1539285e77461dull, 0xca6eaf916630c47full},
    {0x2410fa86b1f904e4ull, 0xa1f2260deb5a36ccull}, {0x39b4c40ab65b3b07ull, 0x69837016455d247aull},
    {0x2e2a366ef848fc05ull, 0xee02c011d1175062ull}, {0x24ee91f2603a6337ull, 0xf19bccdb0dac404eull},
    {0x3b174fea33909ebfull, 0xe8f947c4e2ad33b0ull}, {0x2f45d98829407effull, 0xed94396a4ef0f627ull},
    {0x25d17ad3543398ccull, 0xbe102deea58d91b9ull}, {0x3c825e1eed1f5ae1ull, 0x3019e3176f48e927ull},
    {0x30684b4bf0e5e24dull, 0xc014b5ac590720ecull}, {0x26b9d5d65a5181d7ull, 0xccdd5e237a6c1a57ull},
    {0x3df622f090826959ull, 0x47c8969f2a46908aull}, {0x3191b58d40685447ull, 0x6ca0787f5505406full},
    {0x27a7c4710053769full, 0x8a19f9ff773766bfull}, {0x3f72d3e800858a98ull, 0xdcf65ccbf1f23dfeull},
    {0x32c24320006ad547ull, 0x172b7d6ff4c1cb32ull}, {0x289b68e666bbddd2ull, 0x78ef978cc3ce3c28ull},
    {0x207c53eb856317dbull, 0x93f2dfa3cfd83020ull}, {0x33fa1fdf3bd1bfc5ull, 0xb98499061959e699ull},
    {0x2994e64c2fdaffd1ull, 0x6136e0d1ade18548ull}, {0x2143eb702648cca7ull, 0x80f8b3daf181376dull},
    {0x353978b370747aa5ull, 0x9b27862b1c01f247ull}, {0x2a94608f8d29fbb7ull, 0xaf52d1bc1667f506ull},
    {0x22104d3fa421962cull, 0x8c424163451ff738ull}, {0x36807b99069c237aull, 0x7a039bd208332526ull},
    {0x2b99fc7a6bb01c61ull, 0xfb361641a028ea85ull}, {0x22e196c856267d1bull, 0x2f5e78348020bb9eull},
    {0x37cf57a6f03d94f8ull, 0x4bca59ed99cdf8fcull}, {0x2ca5dfb8c03143f9ull, 0xd63b7b247b0b2d96ull},
    {0x23b7e62d668dcffbull, 0x11c92f50626f57acull}, {0x39263d1570e2e65eull, 0x82db7ee703e55912ull},
    {0x2db830ddf3e8b84bull, 0x9be2cbec031de0dcull}, {0x24935a4b2986f9d6ull, 0x164f09899c17e716ull},
    {0x3a855d450f3e5c89ull, 0xbd4b4275c68ca4f0ull}, {0x2ed1176a72984a07ull, 0xcaa29b916ba3b726ull},
    {0x257412bb8ee03b39ull, 0x6ee87c74561c9285ull}, {0x3beceac5b166c528ull, 0xb173fa53bcfa8408ull},
    {0x2ff0bbd15ab89dbaull, 0x278ffb7630c869a0ull}, {0x265a2fdaaefa17c8ull, 0x1fa662c4f3d387b3ull},
    {0x3d5d195de4c35940ull, 0x32a3d13b1fb8d91full}, {0x3117477e509c4766ull, 0x8ee9742f4c93e0e6ull},
    {0x2745d2cb73b0391eull, 0xd8bac3590a0fe71eull}, {0x3ed61e1252b38e97ull, 0xc12ad228101971c9ull},
    {0x3244e4db755c7213ull, 0x00ef0e8673478e3bull}, {0x28371d7c5de38e75ull, 0x9a58d86b8f6c71c9ull},
    {0x202c1796b182d85eull, 0x1513e0560c56c16eull}, {0x3379bf57826af3c9ull, 0xbb530089ad579be2ull},
    {0x292e32ac68558fd4ull, 0x95dc006e2446164full}, {0x20f1c22386aad976ull, 0xde4999f1b69e783full},
    {0x34b6036c0aaaf58aull, 0xfd428fe92430c065ull}, {0x2a2b35f00888c46full, 0x31020cba835a3384ull},
    {0x21bc2b266d3a36bfull, 0x5a680a2ecf7b5c69ull}, {0x35f9dea3e1f6bdfeull, 0xf70cdd17b25efa42ull},
    {0x2b2e4bb64e5efe65ull, 0x9270b0dfc1e59502ull}, {0x228b6fc50b7f31eaull, 0xdb8d5a4c9b1e10ceull},
    {0x37457fa1abfeb644ull, 0x927bc3adc4fce7b0ull}, {0x2c37994e23322b6aull, 0x0ec96957d0ca52f3ull},
    {0x235fadd81c2822bbull, 0x3f07877973d50f29ull}, {0x3899162693736ac5ull, 0x31a5a58f1fbb4b75ull},
    {0x2d4744eba9292237ull, 0x5aeaead8e62f6f91ull}, {0x243903efba874e92ull, 0xaf22557a51bf8c74ull},
    {0x39f4d3192a721751ull, 0x1836ef2a1c65ad86ull}, {0x2e5d75adbb8e790dull, 0xacf8bf54e3848ad2ull},
    {0x25179157c93ec73eull, 0x23fa32aa4f9d3bdbull}, {0x3b58e88c75313ec9ull, 0xd329eaaa18fb92f8ull},
    {0x2f7a53a390f4323bull, 0x0f54bbbb472fa8c6ull}, {0x25fb761c73f68e95ull, 0xa5dd62fc38f2ed6cull},
    {0x3cc589c71ff0e422ull, 0xa2fbd1938e517bdfull}, {0x309e07d27ff3e9b5ull, 0x4f2fdadc71dac97full},
    {0x26e4d30eccc3215dull, 0xd8f3157d27e23accull}, {0x3e3aeb4ae1383562ull, 0xf4b82261d969f7adull},
    {0x31c8bc3be7602ab5ull, 0x90934eb4adee5fbeull}, {0x27d3c9c985e68891ull, 0x4075d8908b251965ull},
    {0x3fb942dc0970da82ull, 0x00bc8db411d4f56eull}, {0x32fa9be33ac0aeceull, 0x66fd3e29a7dd9125ull},
    {0x28c87cb5c89a2571ull, 0xebfdcb54864ada84ull}, {0x20a063c4a07b5127ull, 0xeffe3c439ea2486aull},
    {0x3433d2d433f881d9ull, 0x7ffd2d38fdd073dcull}, {0x29c30f1029939b14ull, 0x6664242d97d9f64aull},
    {0x2168d8d9badc7c10ull, 0x51e9b68adfe191d5ull}, {0x35748e292afa601aull, 0x1ca924116635b621ull},
    {0x2ac3a4edbbfb8014ull, 0xe3ba83411e915e81ull}, {0x22361d8afcc93343ull, 0xe962029a7edab201ull},
    {0x36bcfc1194751ed3ull, 0x0f03375d97c45001ull}, {0x2bca63414390e575ull, 0xa59c2c4adfd04001ull},
    {0x23084f676940b791ull, 0x5149bd08b30d0001ull}, {0x380d4bd8a8678c1bull, 0xb542c80deb480001ull},
    {0x2cd76fe086b93ce2ull, 0xf768a00b22a00001ull}, {0x23df8cb39efa971bull, 0xf9208008e8800001ull},
    {0x3965adec3190f1c6ull, 0x5b67334174000001ull}, {0x2deaf189c140c16bull, 0x7c528f6790000001ull},
    {0x24bbf46e3433cdefull, 0x96a872b940000001ull}, {0x3ac653e386b9497full, 0x5773eac200000001ull},
    {0x2f050fe938943accull, 0x45f6556800000001ull}, {0x259da6542d43623dull, 0x04c5112000000001ull},
    {0x3c2f7086aed236c8ull, 0x07a1b50000000001ull}, {0x3025f39ef241c56cull, 0xd2e7c40000000001ull},
    {0x2684c2e58e9b0457ull, 0x0f1fd00000000001ull}, {0x3da137d5b0f806f1ull, 0xb1cc800000000001ull},
    {0x314dc6448d9338c1ull, 0x5b0a000000000001ull}, {0x27716b6a0adc2d67ull, 0x7c08000000000001ull},
    {0x3f1bdf10116048a5ull, 0x9340000000000001ull}, {0x327cb2734119d3b7ull, 0xa900000000000001ull},
    {0x2863c1f5cdae42f9ull, 0x5400000000000001ull}, {0x204fce5e3e250261ull, 0x1000000000000001ull},
    {0x33b2e3c9fd0803ceull, 0x8000000000000001ull}, {0x295be96e64066972ull, 0x0000000000000001ull},
    {0x2116545850052128ull, 0x0000000000000001ull}, {0x34f086f3b33b6840ull, 0x0000000000000001ull},
    {0x2a5a058fc295ed00ull, 0x0000000000000001ull}, {0x21e19e0c9bab2400ull, 0x0000000000000001ull},
    {0x3635c9adc5dea000ull, 0x0000000000000001ull}, {0x2b5e3af16b188000ull, 0x0000000000000001ull},
    {0x22b1c8c1227a0000ull, 0x0000000000000001ull}, {0x3782dace9d900000ull, 0x0000000000000001ull},
    {0x2c68af0bb1400000ull, 0x0000000000000001ull}, {0x2386f26fc1000000ull, 0x0000000000000001ull},
    {0x38d7ea4c68000000ull, 0x0000000000000001ull}, {0x2d79883d20000000ull, 0x0000000000000001ull},
    {0x246139ca80000000ull, 0x0000000000000001ull}, {0x3a35294400000000ull, 0x0000000000000001ull},
    {0x2e90edd000000000ull, 0x0000000000000001ull}, {0x2540be4000000000ull, 0x0000000000000001ull},
    {0x3b9aca0000000000ull, 0x0000000000000001ull}, {0x2faf080000000000ull, 0x0000000000000001ull},
    {0x2625a00000000000ull, 0x0000000000000001ull}, {0x3d09000000000000ull, 0x0000000000000001ull},
    {0x30d4000000000000ull, 0x0000000000000001ull}, {0x2710000000000000ull, 0x0000000000000001ull},
    {0x3e80000000000000ull, 0x0000000000000001ull}, {0x3200000000000000ull, 0x0000000000000001ull},
    {0x2800000000000000ull, 0x0000000000000001ull}, {0x2000000000000000ull, 0x0000000000000001ull},
    {0x3333333333333333ull, 0x3333333333333334ull}, {0x28f5c28f5c28f5c2ull, 0x8f5c28f5c28f5c29ull},
    {0x20c49ba5e353f7ceull, 0xd916872b020c49bbull}, {0x346dc5d63886594aull, 0xf4f0d844d013a92bull},
    {0x29f16b11c6d1e108ull, 0xc3f3e0370cdc8755ull}, {0x218def416bdb1a6dull, 0x698fe69270b06c44ull},
    {0x35afe535795e90afull, 0x0f4ca41d811a46d4ull}, {0x2af31dc4611873bfull, 0x3f70834acdae9f10ull},
    {0x225c17d04dad2965ull, 0xcc5a02a23e254c0dull}, {0x36f9bfb3af7b756full, 0xad5cd10396a21347ull},
    {0x2bfaffc2f2c92abfull, 0xbde3da69454e75d3ull}, {0x232f33025bd42232ull, 0xfe4fe1edd10b9175ull},
    {0x384b84d092ed0384ull, 0xca19697c81ac1befull}, {0x2d09370d42573603ull, 0xd4e1213067bce326ull},
    {0x24075f3dceac2b36ull, 0x43e74dc052fd8285ull}, {0x39a5652fb1137856ull, 0xd30baf9a1e626a6dull},
    {0x2e1dea8c8da92d12ull, 0x426fbfae7eb521f1ull}, {0x24e4bba3a4875741ull, 0xcebfcc8b9890e7f4ull},
    {0x3b07929f6da55869ull, 0x4acc7a78f41b0cbaull}, {0x2f394219248446baull, 0xa23d2ec729af3d62ull},
    {0x25c768141d369efbull, 0xb4fdbf05baf29781ull}, {0x3c7240202ebdcb2cull, 0x54c931a2c4b758cfull},
    {0x305b66802564a289ull, 0xdd6dc14f03c5e0a5ull}, {0x26af8533511d4ed4ull, 0xb1249aa59c9e4d51ull},
    {0x3de5a1ebb4fbb154ull, 0x4ea0f76f60fd4882ull}, {0x318481895d962776ull, 0xa54d92bf80caa068ull},
    {0x279d346de4781f92ull, 0x1dd7a89933d54d20ull}, {0x3f61ed7ca0c03283ull, 0x62f2a75b86221500ull},
    {0x32b4bdfd4d668ecfull, 0x825bb91604e810cdull}, {0x289097fdd7853f0cull, 0x684960de6a5340a4ull},
    {0x2073accb12d0ff3dull, 0x203ab3e521dc33b6ull}, {0x33ec47ab514e652eull, 0x99f7863b696052bdull},
    {0x2989d2ef743eb758ull, 0x7b2c6b62bab37564ull}, {0x213b0f25f69892adull, 0x2f56bc4efbc2c450ull},
    {0x352b4b6ff0f41de1ull, 0xe55793b192d13a1aull}, {0x2a8909265a5ce4b4ull, 0xb77942f475742e7bull},
    {0x22073a8515171d5dull, 0x5f9435905df68b96ull}, {0x3671f73b54f1c895ull, 0x65b9ef4d63241289ull},
    {0x2b8e5f62aa5b06ddull, 0xeafb25d782834207ull}, {0x22d84c4eeeaf38b1ull, 0x88c8eb12cecf6806ull},
    {0x37c07a17e44b8de8ull, 0xdadb11b7b14bd9a3ull}, {0x2c99fb46503c7187ull, 0x157c0e2c8dd647b5ull},
    {0x23ae629ea696c138ull, 0xddfcd823a4ab6c91ull}, {0x391704310a8acec1ull, 0x632e269f6ddf141bull},
    {0x2dac035a6ed57234ull, 0x4f581ee5f17f4349ull}, {0x24899c4858aac1c3ull, 0x72ace584c1329c3bull},
    {0x3a75c6da27779c6bull, 0xeaae3c079b842d2aull}, {0x2ec49f14ec5fb056ull, 0x5558300616035755ull},
    {0x256a18dd89e626abull, 0x7779c004de6912abull}, {0x3bdcf495a9703ddfull, 0x258f99a163db5111ull},
    {0x2fe3f6de212697e5ull, 0xb7a614811caf740dull}, {0x264ff8b1b41edfeaull, 0xf951aa00e3bf900bull},
    {0x3d4cc11c53649977ull, 0xf54f7667d2cc19abull}, {0x310a3416a91d4793ull, 0x2aa5f8530f09ae22ull},
    {0x273b5cdeedb1060full, 0x55519375a5a1581bull}, {0x3ec56164af81a34bull, 0xbbb5b8bc3c3559c5ull},
    {0x3237811d593482a2ull, 0xfc9160969691149eull}, {0x282c674aadc39bb5ull, 0x96dab3ababa743b2ull},
    {0x202385d557cfafc4ull, 0x78aef622efb902f5ull}, {0x336c0955594c4c6dull, 0x8de4bd04b2c19e54ull},
    {0x29233aaaadd6a38aull, 0xd7ea30d08f014b76ull}, {0x20e8fbbbbe454fa2ull, 0x4654f3da0c01092cull},
    {0x34a7f92c63a21903ull, 0xa3bb1fc346680eacull}, {0x2a1ffa89e94e7a69ull, 0x4fc8e635d1ecd88aull},
    {0x21b32ed4baa52ebaull, 0xa63a51c4a7f0ad3bull}, {0x35eb7e212aa1e45dull, 0xd6c3b607731aaec4ull},
    {0x2b22cb4dbbb4b6b1ull, 0x789c919f8f488bd0ull}, {0x22823c3e2fc3c55aull, 0xc6e3a7b2d906d640ull},
    {0x3736c6c9e6060891ull, 0x3e390c515b3e239aull}, {0x2c2bd23b1e6b3a0dull, 0xcb60d6a77c31b615ull},
    {0x235641c8e52294d7ull, 0xd5e7121f968e2b44ull}, {0x388a02db0837548cull, 0x8971b698f0e3786dull},
    {0x2d3b357c0692aa0aull, 0x078e2bad8d82c6bdull}, {0x242f5dfcd20eee6eull, 0x6c71bc8ad79bd231ull},
    {0x39e5632e1ce4b0b0ull, 0xad82c7448c2c8382ull}, {0x2e511c24e3ea26f3ull, 0xbe023903a356cf9bull},
    {0x250db01d8321b8c2ull, 0xfe682d9c82abd949ull}, {0x3b4919c8d1cf8e04ull, 0xca4048fa6aac8edbull},
    {0x2f6dae3a4172d803ull, 0xd5003a61eef07249ull}, {0x25f1582e9ac24669ull, 0x773361e7f259f507ull},
    {0x3cb559e42ad070a8ull, 0xbeb89ca6508fee71ull}, {0x309114b688a6c086ull, 0xfefa16eb73a6585bull},
    {0x26da76f86d52339full, 0x3261abef8fb846afull}, {0x3e2a57f3e21d1f65ull, 0x1d691318e5f3a44bull},
    {0x31bb798fe8174c50ull, 0xe4540f471e5c836full}, {0x27c92e0cb9ac3d0dull, 0x8376729f4b7d35f3ull},
    {0x3fa849adf5e061afull, 0x38bd84321261efebull}, {0x32ed07be5e4d1af2ull, 0x93cad0280eb4bfefull},
    {0x28bd9fcb7ea4158eull, 0xdca240200bc3ccbfull}, {0x2097b309321cde0bull, 0xe3b50019a3030a33ull},
    {0x3425eb41e9c7c9acull, 0x9f88002904d1a9eaull}, {0x29b7ef67ee396e23ull, 0xb2d3335403daee55ull},
    {0x215ff2b98b6124e9ull, 0x5bdc291003158b77ull}, {0x35665128df01d4a8ull, 0x92f9db4cd1bc1258ull},
    {0x2ab840ed7f34aa20ull, 0x7594af70a7c9a847ull}, {0x222d00bdff5d54e6ull, 0xc476f2c0863aed06ull},
    {0x36ae679665622171ull, 0x3a57eacda3917b3cull}, {0x2bbeb9451de81ac0ull, 0xfb7988a482dac8fdull},
    {0x22fefa9db1867bcdull, 0x95fad3b6cf156d97ull}, {0x37fe5dc91c0a5fafull, 0x565e1f8ae4ef15beull},
    {0x2ccb7e3a7cd51959ull, 0x11e4e608b725aaffull}, {0x23d5fe9530aa7aadull, 0xa7ea51a0928488ccull},
    {0x39566421e7772aafull, 0x7310829a84074146ull}, {0x2ddeb68185f8eef2ull, 0xc2739baed005cdd2ull},
    {0x24b22b9ad193f25bull, 0xcec2e2f24004a4a8ull}, {0x3ab6ac2ae8ecb6f9ull, 0x4ad16b1d333aa10cull},
    {0x2ef889bbed8a2bfaull, 0xa241227dc2954da3ull}, {0x2593a163246e8995ull, 0x4e9a81fe35443e1cull},
    {0x3c1f689ea0b0dc22ull, 0x175d9cc9eed39694ull}, {0x3019207ee6f3e34eull, 0x7917b0a18bdc7876ull},
    {0x267a8065858fe90bull, 0x9412f3b46fe39392ull}, {0x3d90cd6f3c1974dfull, 0x535185ed7fd285b6ull},
    {0x3140a458fce12a4cull, 0x42a79e57997537c5ull}, {0x2766e9e0ca4dbb70ull, 0x3552e512e12a9304ull},
    {0x3f0b0fce107c5f19ull, 0xeeeb081e3510eb39ull}, {0x326f3fd80d304c14ull, 0xbf226ce4f740bc2eull},
    {0x2858ffe00a8d09aaull, 0x3281f0b72c33c9beull}, {0x20473319a20a6e21ull, 0xc2018d5f568fd498ull},
    {0x33a51e8f69aa49cfull, 0x9ccf48988a7fba8dull}, {0x2950e53f87bb6e3full, 0xb0a5d3ad3b99620bull},
    {0x210d8432d2fc5832ull, 0xf3b7dc8a96144e6full}, {0x34e26d1e1e608d1eull, 0x52bfc7442353b0b1ull},
    {0x2a4ebdb1b1e6d74bull, 0x756639034f7626f4ull}, {0x21d897c15b1f12a2ull, 0xc451c735d92b525dull},
    {0x362759355e981dd1ull, 0x3a1c71efc1deea2eull}, {0x2b52adc44bace4a7ull, 0x61b05b2634b254f2ull},
    {0x22a88b036fbd83b9ull, 0x1af37c1e908eaa5bull}, {0x3774119f192f3928ull, 0x2b1f2cfdb41776f8ull},
    {0x2c5cdae5adbf60ecull, 0xef4c23fe29ac5f2dull}, {0x237d7beaf165e723ull, 0xf2a34ffe87bd18f1ull},
    {0x38c8c644b56fd839ull, 0x84387ffda5fb5b1bull}, {0x2d6d6b6a2abfe02eull, 0x0360666484c915afull},
    {0x24578921bbccb358ull, 0x02b3851d3707448cull}, {0x3a25a835f9478559ull, 0x9dec082ebe720746ull},
    {0x2e8486919439377aull, 0xe4bcd358985b3905ull}, {0x2536d20e102dc5fbull, 0xea30a913ad15c738ull},
    {0x3b8ae9b019e2d65full, 0xdd1aa81f7b560b8cull}, {0x2fa2548ce1824519ull, 0x7daeece5fc44d609ull},
    {0x261b76d71ace9dadull, 0xfe258a51969d7808ull}, {0x3cf8be24f7b0fc49ull, 0x96a276e8f0fbf33full},
    {0x30c6fe83f95a636eull, 0x121b9253f3fcc299ull}, {0x2705986994484f8bull, 0x41afa84329970214ull},
    {0x3e6f5a4286da18deull, 0xcf7f739ea8f19cedull}, {0x31f2ae9b9f14e0b2ull, 0x3f99294bba5ae3f1ull},
    {0x27f5587c7f43e6f4ull, 0xffadbaa2fb7be98dull}, {0x3feef3fa65397187ull, 0xff7c5dd1925fdc15ull},
    {0x33258ffb842df46cull, 0xcc637e4141e649abull}, {0x28ead9960357f6bdull, 0x704f983434b83aefull},
    {0x20bbe144cf799231ull, 0x26a6135cf6f9c8bfull}, {0x345fced47f28e9e8ull, 0x3dd685618b294132ull},
    {0x29e63f1065ba54b9ull, 0xcb12044e08edcdc2ull}, {0x2184ff405161dd61ull, 0x6f419d0b3a57d7ceull},
    {0x35a19866e89c9568ull, 0xb20294dec3bfbfb0ull}, {0x2ae7ad1f207d4453ull, 0xc19baa4bcfcc995aull},
    {0x2252f0e5b39769dcull, 0x9ae2eea30ca3ade1ull}, {0x36eb1b091f58a960ull, 0xf7d17dd1add2afcfull},
    {0x2bef48d41913bab3ull, 0xf97464a7be42263full}, {0x2325d3dce0dc955cull, 0xc790508631ce84ffull},
    {0x383c862e3494222eull, 0x0c1a1a704fb0d4ccull}, {0x2cfd3824f6dce824ull, 0xd67b4859d95a43d6ull},
    {0x23fdc683f8b0b9b7ull, 0x11fc39e17aae9cabull}, {0x39960a6cc11ac2beull, 0x832d2968c44a9445ull},
    {0x2e11a1f09a7bcefeull, 0xcf575453d03ba9d1ull}, {0x24dae7f3aec97265ull, 0x72ac4376402fbb0eull},
    {0x3af7d985e47583d5ull, 0x8446d256cd192b49ull}, {0x2f2cae04b6c46977ull, 0x9d0575123dadbc3aull},
    {0x25bd5803c569edf9ull, 0x4a6ac40e97be302full}, {0x3c62266c6f0fe328ull, 0x771139b0f2c9e6b1ull},
    {0x304e85238c0cb5b9ull, 0xf8da948d8f07ebc1ull}, {0x26a5374fa33d5e2eull, 0x60aedd3e0c065634ull},
    {0x3dd5254c3862304aull, 0x344afb9679a3bd20ull}, {0x31775109c6b4f36eull, 0x903bfc78614fca80ull},
    {0x2792a73b055d8f8bull, 0xa6966393810ca200ull}, {0x3f510b91a22f4c12ull, 0xa423d2859b476999ull},
    {0x32a73c7481bf700eull, 0xe9b642047c392148ull}, {0x2885c9f6ce32c00bull, 0xee2b680396941aa0ull},
    {0x206b07f8a4f5666full, 0xf1bc53361210154dull}, {0x33de73276e5570b3ull, 0x1c6085235019bbaeull},
    {0x297ec285f1ddf3c2ull, 0x7d1a041c40149625ull}, {0x21323537f4b18fceull, 0xca7b367d0010781dull},
    {0x351d21f3211c194aull, 0xdd91f0c8001a59c8ull}, {0x2a7db4c280e3476full, 0x17a7f3d3334847d4ull},
    {0x21fe2a3533e905f2ull, 0x79532975c2a03976ull}, {0x366376bb8641a31dull, 0x8eeb75893766c256ull},
    {0x2b82c562d1ce1c17ull, 0xa5892ad42c523512ull}, {0x22cf044f0e3e7cdfull, 0xb7a0ef102374f742ull},
    {0x37b1a07e7d30c7ccull, 0x59017e8038bb2536ull}, {0x2c8e19feca8d6ca3ull, 0x7a67986693c8ea91ull},
    {0x23a4e198a20abd4full, 0x951fad1edca0bba8ull}, {0x3907cf5a9cddfbb2ull, 0x8832ae97c76792a5ull},
    {0x2d9fd9154a4b2fc2ull, 0x068ef21305ec7551ull}, {0x247fe0ddd508f301ull, 0x9ed8c1a8d189f774ull},
    {0x3a66349621a7eb35ull, 0xcaf4690e1c0ff253ull}, {0x2eb82a11b48655c4ull, 0xa25d20d816732843ull},
    {0x256021a7c39eab03ull, 0xb5174d79ab8f5369ull}, {0x3bcd02a605caab39ull, 0x21bee25c45b21f0eull},
    {0x2fd735519e3bbc2dull, 0xb498b5169e2818d8ull}, {0x2645c4414b62fcf1ull, 0x5d46f7454b534713ull},
    {0x3d3c6d35456b2e4eull, 0xfba4bed545520b52ull}, {0x30fd242a9def583full, 0x2fb6ff110441a2a8ull},
    {0x2730e9bbb18c4698ull, 0xf2f8cc0d9d014eedull}, {0x3eb4a92c4f46d75bull, 0x1e5ae015c80217e1ull},
    {0x322a20f03f6bdf7cull, 0x1848b344a001acb4ull}, {0x2821b3f365efe5fcull, 0xe03a2903b3348a2aull},
    {0x201af65c518cb7fdull, 0x802e873628f6d4eeull}, {0x335e56fa1c145995ull, 0x99e40b89db2487e3ull},
    {0x29184594e3437adeull, 0x14b66fa17c1d3983ull}, {0x20e037aa4f692f18ull, 0x1091f2e7967dc79cull},
    {0x3499f2aa18a84b59ull, 0xb41cb7d8f0c93f5full}, {0x2a14c221ad536f7aull, 0xf67d5fe0c0a0ff80ull},
    {0x21aa34e7bddc592full, 0x2b977fe70080cc66ull}, {0x35dd2172c9608eb1ull, 0xdf58cca4cd9ae0a3ull},
    {0x2b174df56de6d88eull, 0x4c470a1d7148b3b6ull}, {0x22790b2abe5246d8ull, 0x3d05a1b1276d5c92ull},
    {0x372811ddfd507159ull, 0xfb3c35e83f1560e9ull}, {0x2c200e4b310d277bull, 0x2f635e5365aab3edull},
    {0x234cd83c273db92full, 0x591c4b75eaeef658ull}, {0x387af39371fc5b7eull, 0xf4fa125644b18a26ull},
    {0x2d2f2942c196af98ull, 0xc3fb41de9d5ad4ebull}, {0x2425ba9bce122613ull, 0xcffc34b2177bdd89ull},
    {0x39d5f75fb01d09b9ull, 0x4cc6bab68bf96274ull}, {0x2e44c5e6267da161ull, 0x0a38955ed6611b90ull},
    {0x2503d184eb97b44dull, 0xa1c6dde5784dafa7ull}, {0x3b394f3b128c53afull, 0x693e2fd58d49190bull},
    {0x2f610c2f4209dc8cull, 0x5431bfde0aa0e0d5ull}, {0x25e73cf29b3b16d6ull, 0xa9c1664b3bb3e711ull},
    {0x3ca52e50f85e8af1ull, 0x0f9bd6dec5eca4e8ull}, {0x3084250d937ed58dull, 0xa616457f04bd50baull},
    {0x26d01da475ff113eull, 0x1e783798d09773c8ull}, {0x3e19c9072331b530ull, 0x30c058f480f252d9ull},
    {0x31ae3a6c1c27c426ull, 0x8d66ad9067284247ull}, {0x27be952349b969b8ull, 0x711ef14052869b6cull},
    {0x3f97550542c242c0ull, 0xb4fe4ecd50d75f14ull}, {0x32df7737689b689aull, 0x2a650bd773df7f43ull},
    {0x28b2c5c5ed49207bull, 0x551da312c319329cull}, {0x208f049e576db395ull, 0xddb14f4235adc217ull},
    {0x34180763bf15ec22ull, 0xfc4ee536bc49368aull}, {0x29acd2b63277f01bull, 0xfd0bea92303a9208ull},
    {0x21570ef8285ff349ull, 0x973cbba8269541a0ull}, {0x355817f373ccb875ull, 0xbec792a6a422029aull},
    {0x2aacdff5f63d605eull, 0x3239421ee9b4cee1ull}, {0x2223e65e5e97804bull, 0x5b6101b25490a581ull},
    {0x369fd6fd64259a12ull, 0x2bce691d541aa268ull}, {0x2bb31264501e14dbull, 0x563eba7ddce21b87ull},
    {0x22f5a850401810afull, 0x78322ecb171b4939ull}, {0x37ef73b399c01ab2ull, 0x59e9e47824f87527ull},
    {0x2cbf8fc2e1667bc1ull, 0xe187e9f9b72d2a86ull}, {0x23cc73024deb9634ull, 0xb46cbb2e2c242205ull},
    {0x39471e6a1645bd21ull, 0x20adf849e039d007ull}, {0x2dd27ebb4504974dull, 0xb3be603b19c7d99full},
    {0x24a865629d9d45d7ull, 0xc2feb3627b0647b3ull}, {0x3aa7089dc8fba2f2ull, 0xd197856a5e7072b8ull},
    {0x2eec06e4a0c94f28ull, 0xa7ac6abb7ec05bc6ull}, {0x25899f1d4d6dd8edull, 0x52f05562cbcd1638ull},
    {0x3c0f64fbaf1627e2ull, 0x1e4d556adfae89f3ull}, {0x300c50c958de864eull, 0x7ea444557fbed4c3ull},
    {0x267040a113e5383eull, 0xcbb69d1132ff109cull}, {0x3d8067681fd526caull, 0xdf8a94e851981a93ull},
    {0x313385ece6441f08ull, 0xb2d543ed0e134875ull}, {0x275c6b23eb69b26dull, 0x5bddcff0d80f6d2bull},
    {0x3efa45064575ea48ull, 0x92fc7fe7c018aeabull}, {0x3261d0d1d12b21d3ull, 0xa8c9ffec99ad5889ull},
    {0x284e40a7da88e7dcull, 0x8707fff07af113a1ull}, {0x203e9a1fe2071fe3ull, 0x9f39998d2f2742e7ull},
    {0x33975cffd00b6638ull, 0xfec28f484b7204a4ull}, {0x2945e3ffd9a2b82dull, 0x989ba5d36f8e6a1dull},
    {0x2104b66647b56024ull, 0x7a161e42bfa521b1ull}, {0x34d4570a0c5566a0ull, 0xc35696d132a1cf81ull},
    {0x2a4378d4d6aab880ull, 0x9c454574288172ceull}, {0x21cf93dd7888939aull, 0x169dd129ba0128a5ull},
    {0x3618ec958da75290ull, 0x242fb50f9001daa1ull}, {0x2b4723aad7b90ed9ull, 0xb68c90d940017bb4ull},
    {0x229f4fbbdfc73f14ull, 0x920a0d7a999ac95dull}, {0x37654c5fcc71fe87ull, 0x50101590f5c47561ull},
    {0x2c5109e63d27fed2ull, 0xa6734473f7d05de8ull}, {0x237407eb641fff0eull, 0xeb8f69f65fd9e4b9ull},
    {0x38b9a6456cfffe7eull, 0x45b24323cc8fd45cull}, {0x2d6151d123fffecbull, 0x6af502830a0ca9e3ull},
    {0x244ddb0db666656full, 0x88c402026e7087e9ull}, {0x3a162b4923d708b2ull, 0x746cd003e3e73fdbull},
    {0x2e7822a0e978d3c1ull, 0xf6bd73364fec3315ull}, {0x252ce880bac70fceull, 0x5efdf5c50cbcf5abull},
    {0x3b7b0d9ac471b2e3ull, 0xcb2fefa1adfb22abull}, {0x2f95a47bd05af583ull, 0x08f3261af195b555ull},
    {0x261150630d159135ull, 0xa0c284e25ade2aabull}, {0x3ce8809e7b55b522ull, 0x9ad0d49d5e304444ull},
    {0x30ba007ec9115db5ull, 0x48a7107de4f369d0ull}, {0x26fb3398a0dab15dull, 0xd3b8d9fe50c2bb0dull},
    {0x3e5eb8f434911bc9ull, 0x52c15cca1ad12b48ull}, {0x31e560c35d40e307ull, 0x75677d6e7bda8906ull},
    {0x27eab3cf7dcd826cull, 0x5dec645863153a6cull}, {0x3fddec7f2faf3713ull, 0xc97a3a2704eec3dfull},
};

// floor(log10(2^q)), for |q| < 2^11 or so.
static int floor_log10_pow2(int q) {
    return (q * 1262611) >> 22;
}
// floor(log10(3/4 · 2^q)).
static int floor_log10_three_quarters_pow2(int q) {
    return (q * 1262611 - 524031) >> 22;
}
// floor(log2(10^e)).
static int floor_log2_pow10(int e) {
    return (e * 1741647) >> 19;
}

/* g·cp / 2^127 rounded to odd: the integer part, its lowest bit set when the fraction is at
 * least 2^-63. The fraction below that is g's excess over 10^-k (< cp / 2^127 < 2^-67) when the
 * exact value is an integer; otherwise the fraction is larger (the paper's bound). */
static uint64_t scaled_odd(const uint64_t g[2], uint64_t cp) {
    u128 lo = (u128)g[1] * cp;
    u128 mid = (u128)g[0] * cp + (lo >> 64);
    return (uint64_t)(mid >> 63) | (((uint64_t)mid << 1) != 0);
}

// The shortest decimal f·10^*e10 that reads back as v = c·2^q (c > 0), the nearest to v of
// those (the even one of two as near). f may end in zeros.
static uint64_t shortest(uint64_t c, int q, int *e10) {
    int odd = (int)(c & 1); /* round half to even: the interval's ends belong to it when even */
    int narrow = c == (1ull << 52) && q > -1074;
    int k = narrow ? floor_log10_three_quarters_pow2(q) : floor_log10_pow2(q);
    int h = q + floor_log2_pow10(-k) + 2;
    const uint64_t *g = G[k - K_MIN];
    uint64_t cb = c << 2;
    uint64_t vb = scaled_odd(g, cb << h);
    uint64_t lo = scaled_odd(g, (cb - 2 + (uint64_t)narrow) << h);
    uint64_t hi = scaled_odd(g, (cb + 2) << h);
    /* everything below is in units of 10^k; vb, lo and hi are 4 times the value */
    uint64_t s = vb >> 2;
    uint64_t s10 = s / 10 * 10, t10 = s10 + 10;
    int s10_in = lo + (uint64_t)odd <= s10 << 2, t10_in = (t10 << 2) + (uint64_t)odd <= hi;
    if (s10_in != t10_in) {
        *e10 = k + 1;
        return (s10_in ? s10 : t10) / 10;
    }
    uint64_t t = s + 1;
    int s_in = lo + (uint64_t)odd <= s << 2, t_in = (t << 2) + (uint64_t)odd <= hi;
    *e10 = k;
    if (s_in != t_in) return s_in ? s : t;
    uint64_t mid = (s + t) << 1;
    return vb < mid || (vb == mid && !(s & 1)) ? s : t;
}

/* }====== */

int fmt_double(char *buf, double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    char *o = buf;
    if ((bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull) {
        if (bits & 0x000fffffffffffffull) {
            memcpy(buf, "NaN", 4);
            return 3;
        }
        if (bits >> 63) *o++ = '-';
        memcpy(o, "Infinity", 9);
        return (int)(o - buf) + 8;
    }
    if (v == 0) {
        memcpy(buf, "0", 2);
        return 1;
    }
    if (bits >> 63) {
        *o++ = '-';
        v = -v;
        bits &= ~(1ull << 63);
    }
    if (v < 9007199254740992.0 && v == (double)(uint64_t)v) {
        o += put_u64(o, (uint64_t)v);
        *o = 0;
        return (int)(o - buf);
    }
    int be = (int)(bits >> 52);
    uint64_t c = bits & ((1ull << 52) - 1);
    int q = -1074;
    if (be) {
        c |= 1ull << 52;
        q = be - 1075;
    }
    int e10;
    uint64_t f = shortest(c, q, &e10);
    while (f % 100000000 == 0)
        f /= 100000000, e10 += 8;
    if (f % 10000 == 0) f /= 10000, e10 += 4;
    if (f % 100 == 0) f /= 100, e10 += 2;
    if (f % 10 == 0) f /= 10, e10 += 1;
    int nd = digit_count(f);
    int point = nd + e10; /* v = 0.d1d2... × 10^point */
    char d[20];
    put17(d, f * POW10[17 - nd]); /* the digits at d[0..nd) */

    if (nd <= point && point <= 21) {
        memcpy(o, d, (size_t)nd);
        memset(o + nd, '0', (size_t)(point - nd));
        o += point;
    } else if (0 < point && point <= 21) {
        memcpy(o, d, (size_t)point);
        o[point] = '.';
        memcpy(o + point + 1, d + point, (size_t)(nd - point));
        o += nd + 1;
    } else if (-6 < point && point <= 0) {
        *o++ = '0';
        *o++ = '.';
        memset(o, '0', (size_t)-point);
        o += -point;
        memcpy(o, d, (size_t)nd);
        o += nd;
    } else {
        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)(nd - 1));
            o += nd - 1;
        }
        int e = point - 1;
        *o++ = 'e';
        *o++ = e < 0 ? '-' : '+';
        o += put_u64(o, (uint64_t)(e < 0 ? -e : e));
    }
    *o = 0;
    return (int)(o - buf);
}

/* {====== PARSING NUMBERS */

static const double EXACT_POW10[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static int lower_eq(const char *s, size_t len, const char *word) {
    size_t n = strlen(word);
    if (len != n) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != word[i]) return 0;
    }
    return 1;
}

/* Checks the syntax itself (strtod would take hex, leading blanks and partial input), then
 * computes exactly in double when the digits and the power of ten are both exact (one
 * correctly rounded operation); anything harder goes to strtod. */
int parse_double(const char *s, size_t len, double *out) {
    size_t i = 0;
    int neg = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i < len && !(s[i] >= '0' && s[i] <= '9') && s[i] != '.') {
        if (lower_eq(s + i, len - i, "nan")) {
            *out = neg ? -NAN : NAN;
            return 0;
        }
        if (lower_eq(s + i, len - i, "infinity") || lower_eq(s + i, len - i, "inf")) {
            *out = neg ? -INFINITY : INFINITY;
            return 0;
        }
        return -1;
    }
    uint64_t mant = 0;
    int ndig = 0, exp10 = 0, seen = 0, exact = 1;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, seen++) {
        if (ndig < 19) {
            mant = mant * 10 + (uint64_t)(s[i] - '0');
            if (mant) ndig++;
        } else {
            exact = 0;
            exp10++;
        }
    }
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, seen++) {
            if (ndig < 19) {
                mant = mant * 10 + (uint64_t)(s[i] - '0');
                if (mant) ndig++;
                exp10--;
            } else {
                exact = 0;
            }
        }
    }
    if (!seen) return -1;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0, edig = 0, ev = 0;
        if (i < len && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, edig++)
            if (ev < 100000) ev = ev * 10 + (s[i] - '0');
        if (!edig) return -1;
        exp10 += eneg ? -ev : ev;
    }
    if (i != len) return -1;
    if (exact && mant <= (1ull << 53) && exp10 >= -22 && exp10 <= 22) {
        double d = (double)mant;
        d = exp10 < 0 ? d / EXACT_POW10[-exp10] : d * EXACT_POW10[exp10];
        *out = neg ? -d : d;
        return 0;
    }
    char small[64];
    char *tmp = len < sizeof small ? small : malloc(len + 1);
    if (!tmp) return -1;
    memcpy(tmp, s, len);
    tmp[len] = 0;
    *out = strtod(tmp, NULL);
    if (tmp != small) free(tmp);
    return 0;
}

/* }====== */

/* {====== DATES */

static int days_in_month(int64_t y, int m) {
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) return 29;
    return DAYS[m - 1];
}

static char *put2(char *o, int v) {
    o[0] = (char)('0' + v / 10);
    o[1] = (char)('0' + v % 10);
    return o + 2;
}

int fmt_time_iso(char *buf, int64_t t_ms, int offset_min) {
    int64_t t = t_ms + (int64_t)offset_min * 60000;
    int64_t days = t / 86400000, ms = t % 86400000;
    if (ms < 0) {
        ms += 86400000;
        days--;
    }
    int64_t y;
    int mo, d;
    tz_civil_from_days(days, &y, &mo, &d);
    char *o = buf;
    if (y >= 0 && y <= 9999) {
        o = put2(o, (int)(y / 100));
        o = put2(o, (int)(y % 100));
    } else {
        o += snprintf(o, 24, "%s%06lld", y < 0 ? "-" : "+", (long long)(y < 0 ? -y : y));
    }
    *o++ = '-';
    o = put2(o, mo);
    *o++ = '-';
    o = put2(o, d);
    *o++ = 'T';
    int secs = (int)(ms / 1000);
    o = put2(o, secs / 3600);
    *o++ = ':';
    o = put2(o, secs / 60 % 60);
    *o++ = ':';
    o = put2(o, secs % 60);
    if (ms % 1000) {
        int f = (int)(ms % 1000);
        *o++ = '.';
        *o++ = (char)('0' + f / 100);
        o = put2(o, f % 100);
    }
    int off = offset_min < 0 ? -offset_min : offset_min;
    *o++ = offset_min < 0 ? '-' : '+';
    o = put2(o, off / 60 % 100);
    *o++ = ':';
    o = put2(o, off % 60);
    *o = 0;
    return (int)(o - buf);
}

// Reads exactly [n] digits at s[*i]; returns the value or -1.
static int digits_at(const char *s, size_t len, size_t *i, int n) {
    int v = 0;
    for (int k = 0; k < n; k++, (*i)++) {
        if (*i >= len || s[*i] < '0' || s[*i] > '9') return -1;
        v = v * 10 + (s[*i] - '0');
    }
    return v;
}

int parse_time_iso(const char *s, size_t len, int64_t *t_ms, int *offset_min, int *has_offset) {
    size_t i = 0;
    int y = digits_at(s, len, &i, 4);
    if (y < 0 || i >= len || s[i++] != '-') return -1;
    int mo = digits_at(s, len, &i, 2);
    if (mo < 1 || mo > 12 || i >= len || s[i++] != '-') return -1;
    int d = digits_at(s, len, &i, 2);
    if (d < 1 || d > days_in_month(y, mo)) return -1;
    int h = 0, mi = 0, sec = 0, ms = 0, off = 0, has = 0;
    if (i < len) {
        if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return -1;
        i++;
        h = digits_at(s, len, &i, 2);
        if (h < 0 || h > 23 || i >= len || s[i++] != ':') return -1;
        mi = digits_at(s, len, &i, 2);
        if (mi < 0 || mi > 59) return -1;
        if (i < len && s[i] == ':') {
            i++;
            sec = digits_at(s, len, &i, 2);
            if (sec < 0 || sec > 59) return -1;
            if (i < len && (s[i] == '.' || s[i] == ',')) {
                i++;
                int nf = 0;
                for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, nf++)
                    if (nf < 3) ms = ms * 10 + (s[i] - '0');
                if (nf == 0) return -1;
                for (; nf < 3; nf++)
                    ms *= 10;
            }
        }
        if (i < len) {
            has = 1;
            if (s[i] == 'Z' || s[i] == 'z') {
                i++;
            } else if (s[i] == '+' || s[i] == '-') {
                int sign = s[i++] == '-' ? -1 : 1;
                int oh = digits_at(s, len, &i, 2), om = 0;
                if (oh < 0 || oh > 23) return -1;
                if (i < len) {
                    if (s[i] == ':') i++;
                    om = digits_at(s, len, &i, 2);
                    if (om < 0 || om > 59) return -1;
                }
                off = sign * (oh * 60 + om);
            } else {
                return -1;
            }
            if (i != len) return -1;
        }
    }
    int64_t days = tz_days_from_civil(y, mo, d);
    *t_ms = ((days * 86400 + h * 3600 + mi * 60 + sec) - (int64_t)off * 60) * 1000 + ms;
    *offset_min = off;
    *has_offset = has;
    return 0;
}

/* }====== */

/*
 * The yardstick for `ccts run Scenarios/benchmark.lua --iterations N --no-store`: the same model,
 * hand-written in C, as a performance engineer would write it for speed — xoshiro256** streams,
 * a 128-layer ziggurat for normals, Marsaglia–Tsang for Gamma (Dirichlet, Beta, PERT), OpenMP
 * over worlds and over the statistics. Built and run by `make bench` (Benchmarks/compare),
 * never by the tests. Its statistics must agree with ccts's within Monte Carlo error (it draws
 * other random numbers); `Benchmarks/compare` checks that before it quotes a time.
 *
 * The model (Scenarios/benchmark.lua on the built-in rules, each year y = 2025-26, 2026-27 with
 * scale s = 1.00, 1.03; every constant below carries the rule file it comes from):
 *   kiln heat H ~ N(4.93e6 s, 1.5e5) GJ, split by shares ~ Dirichlet(60, 40, 6) among
 *   coal_imported, petcoke, biomass; diesel ~ Tri(1000 s, 1100 s, 1300 s) kL;
 *   limestone ~ N(2.35e6 s, 5e4) t at purity 0.93; electricity purchased ~ N(150000 s, 8000) MWh,
 *   renewable ~ U(35000, 50000) MWh (zero GHG); opc ~ N(0.9e6 s, 4e4) t, ppc ~ N(1.3e6 s, 5e4) t
 *   (equivalence 1); verifier findings ~ N(0, 0.008) on emissions, N(0, 0.004) on production,
 *   material above 2 % (verification.lua); GEI on a 1e-6 grid (ties up), credits =
 *   (target − GEI) × production, issued floor / surrendered ceil (compliance.lua); offsets
 *   20,000 × Beta(8, 2) delivered (whole, floor) at PERT(1200, 1500, 2200) INR; a purchase of
 *   15,000 CCC at 1,750 / 1,900 INR before the surrender; banking unlimited; compensation
 *   2 × shortfall × price; price path start ~ LogN(mean 1800, sd 300), next = prev × exp(0.05 + 0.35 z).
 *   Correlations (Spearman, Gaussian copula): 2026-27 heat with 2026-27 opc 0.7, 2026-27 limestone
 *   with 2026-27 ppc 0.6 (both marginals normal: correlated normals with r = 2 sin(π ρ / 6)).
 */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers ---------------------------------------------------------------------- */

typedef struct { uint64_t s[4]; } rng_t;

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t next_u64(rng_t *r) {
    uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return result;
}

static inline double uniform01(rng_t *r) { return (double)(next_u64(r) >> 11) * 0x1.0p-53; }

static uint64_t splitmix(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL; z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void seed_rng(rng_t *r, uint64_t seed, uint64_t world) {
    uint64_t x = seed * 0x9E3779B97F4A7C15ULL ^ (world + 1) * 0xD1B54A32D192ED03ULL;
    for (int i = 0; i < 4; i++) r->s[i] = splitmix(&x);
}

/* Marsaglia & Tsang's ziggurat (2000), 128 layers, for the standard normal. */
static uint32_t kn[128];
static double wn[128], fn[128];

static void ziggurat_setup(void) {
    double dn = 3.442619855899, tn = dn, vn = 9.91256303526217e-3, q = vn / exp(-0.5 * dn * dn);
    const double m1 = 2147483648.0;
    kn[0] = (uint32_t)((dn / q) * m1); kn[1] = 0;
    wn[0] = q / m1; wn[127] = dn / m1;
    fn[0] = 1.0; fn[127] = exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; i--) {
        dn = sqrt(-2.0 * log(vn / dn + exp(-0.5 * dn * dn)));
        kn[i + 1] = (uint32_t)((dn / tn) * m1);
        tn = dn;
        fn[i] = exp(-0.5 * dn * dn);
        wn[i] = dn / m1;
    }
}

/* The ziggurat's rare case (about 2.5 % of draws): the base strip's tail, or a wedge. */
static __attribute__((noinline)) double normal_slow(rng_t *r, int32_t hz, uint32_t iz) {
    for (;;) {
        double x = hz * wn[iz];
        if (iz == 0) {
            const double rr = 3.442619855899;
            double y;
            do { x = -log(uniform01(r)) / rr; y = -log(uniform01(r)); } while (y + y < x * x);
            return hz > 0 ? rr + x : -rr - x;
        }
        if (fn[iz] + uniform01(r) * (fn[iz - 1] - fn[iz]) < exp(-0.5 * x * x)) return x;
        uint64_t u = next_u64(r);
        hz = (int32_t)(u >> 32);
        iz = hz & 127;
        if ((uint32_t)abs(hz) < kn[iz]) return hz * wn[iz];
    }
}

static inline __attribute__((always_inline)) double normal(rng_t *r) {
    uint64_t u = next_u64(r);
    int32_t hz = (int32_t)(u >> 32);
    uint32_t iz = hz & 127;
    if (__builtin_expect((uint32_t)abs(hz) < kn[iz], 1)) return hz * wn[iz];
    return normal_slow(r, hz, iz);
}

/* Marsaglia & Tsang (2000) for Gamma(alpha ≥ 1, 1). */
static inline double gamma_ge1(rng_t *r, double alpha) {
    double d = alpha - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        double x, v;
        do { x = normal(r); v = 1.0 + c * x; } while (v <= 0);
        v = v * v * v;
        double u = uniform01(r);
        if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
        if (log(u) < 0.5 * x * x + d * (1.0 - v + log(v))) return d * v;
    }
}

static double beta(rng_t *r, double a, double b) { double x = gamma_ge1(r, a); return x / (x + gamma_ge1(r, b)); }

static double pert(rng_t *r, double lo, double mode, double hi) {
    double a = 1 + 4 * (mode - lo) / (hi - lo), b = 1 + 4 * (hi - mode) / (hi - lo);
    return lo + (hi - lo) * beta(r, a, b);
}

static double triangular(rng_t *r, double lo, double mode, double hi) {
    double u = uniform01(r), f = (mode - lo) / (hi - lo);
    return u < f ? lo + sqrt(u * (hi - lo) * (mode - lo)) : hi - sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/* ---- the model ---------------------------------------------------------------------------- */

enum { YEARS = 2, METRICS = 9, SERIES = YEARS * METRICS + 1, INPUTS = 24 };
enum { EMISSIONS, GEI, CREDITS, CLOSING, SHORTFALL, COST, COMPLIANT, PRICE, COMPENSATION };
static const char *metric_names[METRICS] = {"emissions", "gei", "credits", "closing_balance", "shortfall", "cost", "compliant", "price", "compensation"};

/* Factors (Rules/default): fuels.lua, process.lua, gwp.lua (AR5), grid.lua (CEA V21.0, 2024-25). */
static const double GWP_CH4 = 28, GWP_N2O = 265;
static const double COAL_CO2 = 94.6, COAL_CH4 = 10, COAL_N2O = 1.5;           /* per TJ */
static const double PETCOKE_CO2 = 97.5, PETCOKE_CH4 = 3, PETCOKE_N2O = 0.6;
static const double BIOMASS_CH4 = 30, BIOMASS_N2O = 4;                         /* CO2 biogenic */
static const double DIESEL_DENSITY = 0.84, DIESEL_NCV = 43, DIESEL_CO2 = 74.1, DIESEL_CH4 = 3.9, DIESEL_N2O = 3.9;
static const double LIMESTONE_EF = 0.43971, PURITY = 0.93, GRID = 0.7117;
static const double TARGET[YEARS] = {0.6900, 0.6840}, SCALE[YEARS] = {1.00, 1.03}, BUY_PRICE[YEARS] = {1750, 1900};

static inline double ceil_whole(double x) { double w = round(x); return fabs(x - w) <= fabs(x) * 1e-9 ? w : ceil(x); }
static inline double floor_whole(double x) { double w = round(x); return fabs(x - w) <= fabs(x) * 1e-9 ? w : floor(x); }

/* World w: its outputs into out[series * n + w], its 24 inputs into in[k * n + w] (for w < sample). */
static void world(uint64_t seed, long w, long n, double *out, double *in, long sample) {
    rng_t r; seed_rng(&r, seed, (uint64_t)w);
    const double rho1 = 2 * sin(M_PI * 0.7 / 6), rho2 = 2 * sin(M_PI * 0.6 / 6);
    double sigma2 = log(1 + (300.0 * 300.0) / (1800.0 * 1800.0));
    double price = exp(log(1800.0) - sigma2 / 2 + sqrt(sigma2) * normal(&r));
    double start = price, shock = 0, balance = 0, total_cost = 0;
    double drawn[INPUTS]; int k = 0;
    drawn[k++] = start;
    for (int y = 0; y < YEARS; y++) {
        double s = SCALE[y];
        if (y > 0) { shock = normal(&r); price = price * exp(0.05 + 0.35 * shock); drawn[k++] = shock; }
        double zh = normal(&r), zl = normal(&r);
        double heat = 4.93e6 * s + 1.5e5 * zh;
        double g1 = gamma_ge1(&r, 60), g2 = gamma_ge1(&r, 40), g3 = gamma_ge1(&r, 6), gs = g1 + g2 + g3;
        double diesel = triangular(&r, 1000 * s, 1100 * s, 1300 * s);
        double limestone = 2.35e6 * s + 5.0e4 * zl;
        double purchased = 150000 * s + 8000 * normal(&r);
        double renewable = 35000 + 15000 * uniform01(&r);
        double zo = normal(&r), zp = normal(&r);
        if (y == 1) { zo = rho1 * zh + sqrt(1 - rho1 * rho1) * zo; zp = rho2 * zl + sqrt(1 - rho2 * rho2) * zp; }
        double opc = 0.90e6 * s + 4.0e4 * zo, ppc = 1.30e6 * s + 5.0e4 * zp;
        double fe = 0.008 * normal(&r), fp = 0.004 * normal(&r);
        double delivered_fraction = beta(&r, 8, 2), offset_price = pert(&r, 1200, 1500, 2200);
        drawn[k++] = heat; drawn[k++] = diesel; drawn[k++] = limestone; drawn[k++] = purchased; drawn[k++] = renewable;
        drawn[k++] = opc; drawn[k++] = ppc; drawn[k++] = fe; drawn[k++] = fp; drawn[k++] = delivered_fraction; drawn[k++] = offset_price;

        /* monitoring */
        double coal = heat * g1 / gs / 1000, petcoke = heat * g2 / gs / 1000, biomass = heat * g3 / gs / 1000;   /* TJ */
        double diesel_tj = diesel * DIESEL_DENSITY * DIESEL_NCV / 1000;
        double combustion = coal * (COAL_CO2 + (COAL_CH4 * GWP_CH4 + COAL_N2O * GWP_N2O) / 1000)
                          + petcoke * (PETCOKE_CO2 + (PETCOKE_CH4 * GWP_CH4 + PETCOKE_N2O * GWP_N2O) / 1000)
                          + biomass * (BIOMASS_CH4 * GWP_CH4 + BIOMASS_N2O * GWP_N2O) / 1000
                          + diesel_tj * (DIESEL_CO2 + (DIESEL_CH4 * GWP_CH4 + DIESEL_N2O * GWP_N2O) / 1000);
        double emissions = combustion + limestone * LIMESTONE_EF * PURITY + purchased * GRID;
        double production = opc + ppc;
        /* verification: material above 2 % on either figure, then the verified figures stand */
        double ve = emissions * (1 + fe), vp = production * (1 + fp);
        if (fabs(emissions - ve) / ve > 0.02 || fabs(production - vp) / vp > 0.02) { emissions = ve; production = vp; }
        /* credits on the GEI grid */
        double steps = emissions / production * 1e6, below = floor(steps);
        double gei = (fabs(steps - below - 0.5) <= fmax(fabs(steps), 1) * 1e-12 ? below + 1 : round(steps)) / 1e6;
        double exact = (TARGET[y] - gei) * production;
        double issued = exact > 0 ? floor_whole(exact) : 0, surrender = exact < 0 ? ceil_whole(-exact) : 0;
        /* offsets, the purchase, the surrender, banking, compensation */
        double delivered = floor_whole(20000 * delivered_fraction);
        double held = balance + 15000;
        held += issued + delivered;
        double surrendered = fmin(surrender, held);
        held -= surrendered;
        double shortfall = surrender - surrendered;
        double compensation = shortfall * 2 * price;
        double cost = 15000 * BUY_PRICE[y] + delivered * offset_price + compensation;
        balance = held;
        total_cost += cost;
        double *o = out + (long)y * METRICS * n + w;
        o[EMISSIONS * n] = emissions; o[GEI * n] = gei; o[CREDITS * n] = issued - surrender; o[CLOSING * n] = held;
        o[SHORTFALL * n] = shortfall; o[COST * n] = cost; o[COMPLIANT * n] = shortfall <= 0; o[PRICE * n] = price;
        o[COMPENSATION * n] = compensation;
    }
    out[(long)YEARS * METRICS * n + w] = total_cost;
    if (w < sample) for (int i = 0; i < INPUTS; i++) in[i * sample + w] = drawn[i];
}

/* ---- statistics --------------------------------------------------------------------------- */

typedef struct { double mean, sd, p[9], var95, cvar95; } summary_t;
static const double LEVELS[9] = {1, 5, 10, 25, 50, 75, 90, 95, 99};

static inline uint64_t key_of(double x) { uint64_t b; memcpy(&b, &x, 8); return b >> 63 ? ~b : b | 0x8000000000000000ULL; }
static inline double value_of(uint64_t k) { uint64_t b = k >> 63 ? k & 0x7fffffffffffffffULL : ~k; double x; memcpy(&x, &b, 8); return x; }
/* LSD radix sort of keys[0..n) by their bits below `bits` (the bits above are equal), 11 bits a
 * pass, carrying a payload when given; the sorted keys end in `keys` (tmp: scratch of n). */
static void radix_sort(uint64_t *keys, uint64_t *tmp, uint32_t *payload, uint32_t *tmp_payload, long n, int bits) {
    long counts[2048];
    for (int shift = 0; shift < bits; shift += 11) {
        memset(counts, 0, sizeof(counts));
        for (long i = 0; i < n; i++) counts[(keys[i] >> shift) & 2047]++;
        if (n > 0 && counts[(keys[0] >> shift) & 2047] == n) continue;   /* every key has this digit: nothing moves */
        long total = 0;
        for (int d = 0; d < 2048; d++) { long c = counts[d]; counts[d] = total; total += c; }
        for (long i = 0; i < n; i++) {
            long at = counts[(keys[i] >> shift) & 2047]++;
            tmp[at] = keys[i];
            if (payload) tmp_payload[at] = payload[i];
        }
        memcpy(keys, tmp, n * 8);
        if (payload) memcpy(payload, tmp_payload, n * 4);
    }
}
static int compare_longs(const void *a, const void *b) { long x = *(const long *)a, y = *(const long *)b; return (x > y) - (x < y); }

/* Mean, sd, type-7 percentiles, VaR and CVaR at 95 %, exactly: a histogram of the keys' top 16
 * bits finds the buckets holding the ranks wanted; their keys are gathered and sorted (radix
 * selection, one level); the CVaR's tail sums the buckets above the threshold's and the gathered
 * keys above it. Three passes over the values, whatever the ties. */
static void summarise(const double *x, long n, uint64_t *gathered, summary_t *s) {
    static __thread long counts[65536];
    static __thread double sums[65536];
    memset(counts, 0, sizeof(counts)); memset(sums, 0, sizeof(sums));
    double sum = 0;
    for (long i = 0; i < n; i++) { sum += x[i]; uint32_t d = key_of(x[i]) >> 48; counts[d]++; sums[d] += x[i]; }
    s->mean = sum / n;
    double sq = 0;
    for (long i = 0; i < n; i++) sq += (x[i] - s->mean) * (x[i] - s->mean);
    s->sd = n > 1 ? sqrt(sq / (n - 1)) : 0;
    long tail_start = (long)floor(n * 0.95); if (tail_start > n - 1) tail_start = n - 1;
    long wanted[21]; int count = 0;
    for (int l = 0; l < 10; l++) {
        long k = (long)floor((n - 1) * (l < 9 ? LEVELS[l] : 95) / 100);
        wanted[count++] = k; wanted[count++] = k + 1 < n ? k + 1 : k;
    }
    wanted[count++] = tail_start;
    qsort(wanted, count, sizeof(long), compare_longs);
    /* the buckets holding the ranks, and where each bucket's keys go in `gathered` */
    static __thread long start[65536];
    static __thread unsigned char needed[65536];
    memset(needed, 0, sizeof(needed));
    long below[21], cumulative = 0, at = 0; int r = 0, bucket[21];
    for (int d = 0; d < 65536 && r < count; d++) {
        while (r < count && wanted[r] < cumulative + counts[d]) { bucket[r] = d; below[r] = cumulative; r++; needed[d] = 1; }
        cumulative += counts[d];
    }
    for (int d = 0; d < 65536; d++) if (needed[d]) { start[d] = at; at += counts[d]; }
    static __thread long next[65536];
    for (int d = 0; d < 65536; d++) next[d] = needed[d] ? start[d] : 0;
    for (long i = 0; i < n; i++) { uint64_t k = key_of(x[i]); uint32_t d = k >> 48; if (needed[d]) gathered[next[d]++] = k; }
    for (int d = 0; d < 65536; d++) if (needed[d]) radix_sort(gathered + start[d], gathered + n, NULL, NULL, counts[d], 48);
    double value[21];
    for (int i = 0; i < count; i++) value[i] = value_of(gathered[start[bucket[i]] + wanted[i] - below[i]]);
    #define AT(rank) ({ double _v = 0; for (int _i = 0; _i < count; _i++) if (wanted[_i] == (rank)) { _v = value[_i]; break; } _v; })
    for (int l = 0; l < 10; l++) {
        double h = (n - 1) * (l < 9 ? LEVELS[l] : 95) / 100; long k = (long)floor(h);
        double a = AT(k), b = AT(k + 1 < n ? k + 1 : k), q = a + (h - k) * (b - a);
        if (l < 9) s->p[l] = q; else s->var95 = q;
    }
    double threshold = AT(tail_start), above = 0; long more = 0;
    int tb = 0; for (int i = 0; i < count; i++) if (wanted[i] == tail_start) tb = bucket[i];
    for (int d = tb + 1; d < 65536; d++) { above += sums[d]; more += counts[d]; }
    for (long i = start[tb]; i < start[tb] + counts[tb]; i++) { double v = value_of(gathered[i]); if (v > threshold) { above += v; more++; } }
    s->cvar95 = (above + (n - tail_start - more) * threshold) / (n - tail_start);
    #undef AT
}

/* Centred ranks (ties averaged), by an LSD radix sort of order-preserving keys. */
static void ranks(const double *x, long n, double *out, uint64_t *keys, uint64_t *keys2, uint32_t *index, uint32_t *index2) {
    for (long i = 0; i < n; i++) { keys[i] = key_of(x[i]); index[i] = (uint32_t)i; }
    radix_sort(keys, keys2, index, index2, n, 64);
    for (long i = 0; i < n;) {
        long j = i; while (j + 1 < n && keys[j + 1] == keys[i]) j++;
        double r = (i + j) / 2.0 + 1 - (n + 1) / 2.0;
        for (long t = i; t <= j; t++) out[index[t]] = r;
        i = j + 1;
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], 0, 10) : 1;
    long sample = n < 100000 ? n : 100000;
    ziggurat_setup();
    double *out = malloc(sizeof(double) * SERIES * n), *in = malloc(sizeof(double) * INPUTS * sample);
    /* first touch of the result pages on every thread, before the clock (ccts does the same) */
    #pragma omp parallel for schedule(static)
    for (long i = 0; i < (long)SERIES * n; i += 512) out[i] = 0;
    double t0 = omp_get_wtime();
    #pragma omp parallel for schedule(static, 4096)
    for (long w = 0; w < n; w++) world(seed, w, n, out, in, sample);
    double t1 = omp_get_wtime();

    summary_t s[SERIES];
    #pragma omp parallel
    {
        uint64_t *scratch = malloc(sizeof(uint64_t) * 2 * n);   /* gathered keys, and the sort's scratch */
        #pragma omp for schedule(dynamic, 1)
        for (int i = 0; i < SERIES; i++) summarise(out + (long)i * n, n, scratch, &s[i]);
        free(scratch);
    }
    long missed[YEARS] = {0}, missed_any = 0;
    for (long w = 0; w < n; w++) {
        int any = 0;
        for (int y = 0; y < YEARS; y++) if (out[((long)y * METRICS + COMPLIANT) * n + w] == 0) { missed[y]++; any = 1; }
        missed_any += any;
    }
    double t2 = omp_get_wtime();
    /* Spearman: 24 inputs × (gei, credits, cost per year + total cost), over the first worlds */
    enum { OUTPUTS = 3 * YEARS + 1 };
    double *r = malloc(sizeof(double) * (INPUTS + OUTPUTS) * sample), rho[INPUTS][OUTPUTS];
    #pragma omp parallel
    {
        uint64_t *keys = malloc(8 * sample), *keys2 = malloc(8 * sample);
        uint32_t *index = malloc(4 * sample), *index2 = malloc(4 * sample);
        #pragma omp for schedule(dynamic, 1)
        for (int v = 0; v < INPUTS + OUTPUTS; v++) {
            const double *x;
            if (v < INPUTS) x = in + (long)v * sample;
            else { int o = v - INPUTS; x = o < 3 * YEARS ? out + ((long)(o / 3) * METRICS + (int[]){GEI, CREDITS, COST}[o % 3]) * n
                                                          : out + (long)YEARS * METRICS * n; }
            ranks(x, sample, r + (long)v * sample, keys, keys2, index, index2);
        }
        free(keys); free(keys2); free(index); free(index2);
        #pragma omp for collapse(2)
        for (int i = 0; i < INPUTS; i++)
            for (int o = 0; o < OUTPUTS; o++) {
                const double *a = r + (long)i * sample, *b = r + (long)(INPUTS + o) * sample;
                double ab = 0, aa = 0, bb = 0;
                for (long t = 0; t < sample; t++) { ab += a[t] * b[t]; aa += a[t] * a[t]; bb += b[t] * b[t]; }
                rho[i][o] = aa > 0 && bb > 0 ? ab / sqrt(aa * bb) : 0;
            }
    }
    double t3 = omp_get_wtime();

    printf("{\"worlds\": %ld, \"threads\": %d, \"seconds\": {\"worlds\": %.4f, \"statistics\": %.4f, \"sensitivity\": %.4f},\n", n, omp_get_max_threads(), t1 - t0, t2 - t1, t3 - t2);
    for (int y = 0; y < YEARS; y++) {
        printf(" \"%s\": {", y == 0 ? "2025-26" : "2026-27");
        for (int m = 0; m < METRICS; m++) {
            if (m == COMPLIANT) continue;
            summary_t *x = &s[y * METRICS + m];
            printf("\"%s\": {\"mean\": %.10g, \"se\": %.10g, \"p50\": %.10g}, ", metric_names[m], x->mean, x->sd / sqrt(n), x->p[4]);
        }
        printf("\"p_noncompliance\": %.10g, \"cost_cvar95\": %.10g},\n", (double)missed[y] / n, s[y * METRICS + COST].cvar95);
    }
    summary_t *t = &s[YEARS * METRICS];
    printf(" \"total_cost\": {\"mean\": %.10g, \"se\": %.10g, \"p50\": %.10g, \"var95\": %.10g, \"cvar95\": %.10g},\n", t->mean, t->sd / sqrt(n), t->p[4], t->var95, t->cvar95);
    printf(" \"p_noncompliance_any_year\": %.10g, \"rho_total_cost_max\": %.4f}\n", (double)missed_any / n, rho[0][OUTPUTS - 1]);
    free(out); free(in); free(r);
    return 0;
}

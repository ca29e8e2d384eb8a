/* A pointwise (1×1, stride 1) convolution's forward y = x·Wᵀ and input gradient dx = dy·W at
 * GoogLeNet's and DenseNet's shapes (batch 128, channels-last), three ways on 2 threads: oneDNN
 * 2.6's 1×1 convolution primitives (what Conv2d ran before); one dnnl_sgemm over all N·H·W rows
 * (oneDNN splits it); and the rows cut into 2,048-row blocks, dealt to the threads in contiguous
 * parts, each block one sgemm on its own thread (Kernels.rowBlockedProduct). Caches flushed
 * before each call (in the model the input has usually left the cache); best of 7.
 *   gcc -O2 -fopenmp bench/onednn/pointwise_forward.c -o /tmp/pointwise_forward -ldnnl && OMP_NUM_THREADS=2 /tmp/pointwise_forward */
#include <dnnl.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CHECK(x) do { dnnl_status_t s_ = (x); if (s_ != dnnl_success) { fprintf(stderr, "%s: status %d\n", #x, s_); exit(1); } } while (0)
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static float *junk;
static void flush(void) { for (long i = 0; i < (64L << 20); i++) junk[i] = (float)i; }
static dnnl_engine_t engine;
static dnnl_stream_t stream;

static dnnl_memory_t wrap(const dnnl_memory_desc_t *md, void *p) { dnnl_memory_t m; CHECK(dnnl_memory_create(&m, md, engine, p)); return m; }

/* oneDNN's forward and backward-data primitives for one 1×1 geometry, weights already in their layout. */
static void onednn(long n, long ic, long oc, long hw, float *x, float *y, double *fwd, double *bwd) {
    dnnl_dims_t sd = {n, ic, hw, hw}, wd = {oc, ic, 1, 1}, dd = {n, oc, hw, hw}, one = {1, 1}, zero = {0, 0};
    dnnl_memory_desc_t src, dst, wany;
    CHECK(dnnl_memory_desc_init_by_tag(&src, 4, sd, dnnl_f32, dnnl_nhwc));
    CHECK(dnnl_memory_desc_init_by_tag(&dst, 4, dd, dnnl_f32, dnnl_nhwc));
    CHECK(dnnl_memory_desc_init_by_tag(&wany, 4, wd, dnnl_f32, dnnl_format_tag_any));
    dnnl_convolution_desc_t f, d;
    dnnl_primitive_desc_t fpd, dpd;
    CHECK(dnnl_dilated_convolution_forward_desc_init(&f, dnnl_forward_training, dnnl_convolution_direct, &src, &wany, NULL, &dst, one, zero, zero, zero));
    CHECK(dnnl_primitive_desc_create(&fpd, &f, NULL, engine, NULL));
    CHECK(dnnl_dilated_convolution_backward_data_desc_init(&d, dnnl_convolution_direct, &src, &wany, &dst, one, zero, zero, zero));
    CHECK(dnnl_primitive_desc_create(&dpd, &d, NULL, engine, fpd));
    const dnnl_memory_desc_t *fw = dnnl_primitive_desc_query_md(fpd, dnnl_query_weights_md, 0);
    const dnnl_memory_desc_t *dw = dnnl_primitive_desc_query_md(dpd, dnnl_query_weights_md, 0);
    float *wf = calloc(dnnl_memory_desc_get_size(fw) / 4 + 16, 4), *wb = calloc(dnnl_memory_desc_get_size(dw) / 4 + 16, 4);
    for (long i = 0; i < ic * oc; i++) wf[i] = wb[i] = (i % 5) * 0.1f;
    dnnl_primitive_t fp, dp;
    CHECK(dnnl_primitive_create(&fp, fpd)); CHECK(dnnl_primitive_create(&dp, dpd));
    dnnl_exec_arg_t fa[] = {{DNNL_ARG_SRC, wrap(&src, x)}, {DNNL_ARG_WEIGHTS, wrap(fw, wf)}, {DNNL_ARG_DST, wrap(&dst, y)}};
    dnnl_exec_arg_t da[] = {{DNNL_ARG_DIFF_DST, wrap(&dst, y)}, {DNNL_ARG_WEIGHTS, wrap(dw, wb)}, {DNNL_ARG_DIFF_SRC, wrap(&src, x)}};
    *fwd = *bwd = 1e9;
    for (int r = 0; r < 7; r++) {
        flush(); double t = now(); CHECK(dnnl_primitive_execute(fp, stream, 3, fa)); CHECK(dnnl_stream_wait(stream)); t = now() - t;
        if (t < *fwd) *fwd = t;
        flush(); t = now(); CHECK(dnnl_primitive_execute(dp, stream, 3, da)); CHECK(dnnl_stream_wait(stream)); t = now() - t;
        if (t < *bwd) *bwd = t;
    }
    free(wf); free(wb);
}

/* c (rows × n) = a (rows × k) · op(b): one sgemm, or 2,048-row blocks each one sgemm on its thread. */
static void product(int blocked, char transB, long rows, long n, long k, const float *a, const float *b, float *c) {
    if (!blocked) { dnnl_sgemm('N', transB, rows, n, k, 1.0f, a, k, b, transB == 'T' ? k : n, 0.0f, c, n); return; }
    long blocks = (rows + 2047) / 2048;
    #pragma omp parallel
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        for (long i = blocks * t / nt; i < blocks * (t + 1) / nt; i++) {
            long first = i * 2048, count = rows - first < 2048 ? rows - first : 2048;
            dnnl_sgemm('N', transB, count, n, k, 1.0f, a + first * k, k, b, transB == 'T' ? k : n, 0.0f, c + first * n, n);
        }
    }
}

static double best(int blocked, char transB, long rows, long n, long k, const float *a, const float *b, float *c) {
    double t0, m = 1e9;
    for (int r = 0; r < 7; r++) { flush(); t0 = now(); product(blocked, transB, rows, n, k, a, b, c); t0 = now() - t0; if (t0 < m) m = t0; }
    return m;
}

int main(void) {
    CHECK(dnnl_engine_create(&engine, dnnl_cpu, 0));
    CHECK(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags));
    junk = malloc(256L << 20);
    /* in, out, height = width: GoogLeNet's 1×1 layers (32×32, 16×16, 8×8 stages), then two of DenseNet's. */
    long shapes[][3] = {{64, 16, 32}, {64, 32, 32}, {64, 8, 32}, {64, 24, 32}, {96, 16, 16}, {96, 32, 16}, {96, 24, 16},
                        {128, 16, 8}, {128, 48, 8}, {96, 32, 32}, {160, 32, 16}};
    printf("%-16s %28s %28s\n", "", "forward y = x·Wᵀ (ms)", "input gradient dx = dy·W (ms)");
    printf("%-16s %9s %9s %9s %9s %9s %9s\n", "in out h×w", "oneDNN", "sgemm", "blocked", "oneDNN", "sgemm", "blocked");
    for (unsigned s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        long ic = shapes[s][0], oc = shapes[s][1], hw = shapes[s][2], rows = 128 * hw * hw;
        float *x = malloc(rows * ic * 4), *y = malloc(rows * oc * 4), *w = malloc(ic * oc * 4);
        for (long i = 0; i < rows * ic; i++) x[i] = (i % 7) * 0.1f;
        for (long i = 0; i < rows * oc; i++) y[i] = (i % 3) * 0.1f;
        for (long i = 0; i < ic * oc; i++) w[i] = (i % 5) * 0.1f;
        double df, db;
        onednn(128, ic, oc, hw, x, y, &df, &db);
        double sf = best(0, 'T', rows, oc, ic, x, w, y), bf = best(1, 'T', rows, oc, ic, x, w, y);
        double sb = best(0, 'N', rows, ic, oc, y, w, x), bb = best(1, 'N', rows, ic, oc, y, w, x);
        char name[32];
        snprintf(name, sizeof name, "%ld %ld %ldx%ld", ic, oc, hw, hw);
        printf("%-16s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n", name, 1e3 * df, 1e3 * sf, 1e3 * bf, 1e3 * db, 1e3 * sb, 1e3 * bb);
        free(x); free(y); free(w);
    }
    return 0;
}

/* Times oneDNN's convolution primitives (forward, backward data, backward weights; float32,
 * channels-last activations, weights in the primitive's layout) on the shapes that dominate the
 * reference models' training steps, so two oneDNN builds can be compared on this CPU with the
 * same program. Compiles against the 2.x API (Debian 12's 2.6.3) or the 3.x API (the pip
 * package, a SYCL build). bench/onednn/compare runs both. Prints one line per shape: the
 * median time of each pass over 15 runs, after 3 warm-up runs.
 * Other shapes can be given as arguments, each batch,in,h,w,out,kernel,stride,pad:
 *   OMP_NUM_THREADS=2 ./conv_versions 128,64,32,32,16,1,1,0 128,64,32,32,64,1,1,0 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <dnnl.h>

#define CHECK(x) do { dnnl_status_t s_ = (x); if (s_ != dnnl_success) { fprintf(stderr, "%s: status %d (line %d)\n", #x, s_, __LINE__); exit(1); } } while (0)

typedef struct { const char *name; int n, c, h, w, k, kh, stride, pad; } shape_t;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

static dnnl_engine_t engine;
static dnnl_stream_t stream;

#if DNNL_VERSION_MAJOR >= 3
typedef const_dnnl_memory_desc_t md_ref;
static dnnl_memory_desc_t md(int nd, const dnnl_dims_t d, dnnl_format_tag_t tag) {
    dnnl_memory_desc_t m; CHECK(dnnl_memory_desc_create_with_tag(&m, nd, d, dnnl_f32, tag)); return m;
}
#define MD(x) (x)
#else
typedef const dnnl_memory_desc_t *md_ref;
static dnnl_memory_desc_t md(int nd, const dnnl_dims_t d, dnnl_format_tag_t tag) {
    dnnl_memory_desc_t m; CHECK(dnnl_memory_desc_init_by_tag(&m, nd, d, dnnl_f32, tag)); return m;
}
#define MD(x) (&(x))
#endif

static dnnl_memory_t mem(md_ref m) {
    dnnl_memory_t x; CHECK(dnnl_memory_create(&x, m, engine, DNNL_MEMORY_ALLOCATE));
    void *p; CHECK(dnnl_memory_get_data_handle(x, &p));
    size_t n = dnnl_memory_desc_get_size(m) / 4; float *f = p;
    for (size_t i = 0; i < n; i++) f[i] = (float)((i * 7919) % 1000) / 1000.0f - 0.5f;
    return x;
}

static double run(dnnl_primitive_t p, dnnl_exec_arg_t *args, int nargs) {
    double t[15];
    for (int i = 0; i < 18; i++) {
        double t0 = now();
        CHECK(dnnl_primitive_execute(p, stream, nargs, args));
        CHECK(dnnl_stream_wait(stream));
        if (i >= 3) t[i - 3] = now() - t0;
    }
    qsort(t, 15, sizeof t[0], cmp);
    return t[7];
}

static const char *impl(dnnl_primitive_desc_t pd) {
    const char *s = "?"; dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &s); return s;
}

int main(int argc, char **argv) {
    CHECK(dnnl_engine_create(&engine, dnnl_cpu, 0));
    CHECK(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags));
    const dnnl_version_t *v = dnnl_version();
    shape_t shapes[] = {
        {"resnet 3x3 64ch 32x32 b128", 128, 64, 32, 32, 64, 3, 1, 1},
        {"resnet 3x3 128ch 16x16 b128", 128, 128, 16, 16, 128, 3, 1, 1},
        {"resnet 3x3 256ch 8x8 b128", 128, 256, 8, 8, 256, 3, 1, 1},
        {"densenet 1x1 224->128 32x32 b128", 128, 224, 32, 32, 128, 1, 1, 0},
        {"densenet 3x3 128->32 32x32 b128", 128, 128, 32, 32, 32, 3, 1, 1},
        {"googlenet 1x1 192->64 16x16 b128", 128, 192, 16, 16, 64, 1, 1, 0},
        {"googlenet 3x3 96->128 16x16 b128", 128, 96, 16, 16, 128, 3, 1, 1},
        {"resnet 3x3 64ch 32x32 b32", 32, 64, 32, 32, 64, 3, 1, 1},
    };
    size_t count = sizeof shapes / sizeof shapes[0];
    shape_t *chosen = shapes;
    if (argc > 1) {
        count = (size_t)(argc - 1);
        chosen = calloc(count, sizeof *chosen);
        if (!chosen) { fprintf(stderr, "out of memory\n"); return 1; }
        for (size_t i = 0; i < count; i++) {
            shape_t *s = &chosen[i];
            int used = 0;
            const char *text = argv[i + 1];
            if (sscanf(text, "%d,%d,%d,%d,%d,%d,%d,%d%n", &s->n, &s->c, &s->h, &s->w, &s->k, &s->kh, &s->stride, &s->pad, &used) != 8
                || text[used] != '\0' || s->n < 1 || s->c < 1 || s->h < 1 || s->w < 1 || s->k < 1 || s->kh < 1
                || s->stride < 1 || s->pad < 0 || s->h + 2 * s->pad < s->kh || s->w + 2 * s->pad < s->kh) {
                fprintf(stderr, "shape %s: want batch,in,h,w,out,kernel,stride,pad (positive, pad may be 0, the kernel within the padded input)\n", text);
                return 2;
            }
            s->name = text;
        }
    }
    printf("# oneDNN %d.%d.%d; ms per pass, median of 15\n", v->major, v->minor, v->patch);
    printf("%-34s %9s %9s %9s %9s  %s\n", "shape", "forward", "bwd data", "bwd wts", "GFLOP/s", "forward kernel");
    double total = 0;
    for (size_t i = 0; i < count; i++) {
        shape_t s = chosen[i];
        int oh = (s.h + 2 * s.pad - s.kh) / s.stride + 1, ow = (s.w + 2 * s.pad - s.kh) / s.stride + 1;
        dnnl_dims_t sd = {s.n, s.c, s.h, s.w}, wd = {s.k, s.c, s.kh, s.kh}, dd = {s.n, s.k, oh, ow};
        dnnl_dims_t st = {s.stride, s.stride}, dl = {0, 0}, pl = {s.pad, s.pad}, pr = {s.pad, s.pad};
        dnnl_memory_desc_t src = md(4, sd, dnnl_nhwc), dst = md(4, dd, dnnl_nhwc), wany = md(4, wd, dnnl_format_tag_any);
        dnnl_primitive_desc_t fpd, dpd, wpd;
#if DNNL_VERSION_MAJOR >= 3
        CHECK(dnnl_convolution_forward_primitive_desc_create(&fpd, engine, dnnl_forward_training, dnnl_convolution_direct,
              src, wany, NULL, dst, st, dl, pl, pr, NULL));
        CHECK(dnnl_convolution_backward_data_primitive_desc_create(&dpd, engine, dnnl_convolution_direct,
              src, wany, dst, st, dl, pl, pr, fpd, NULL));
        CHECK(dnnl_convolution_backward_weights_primitive_desc_create(&wpd, engine, dnnl_convolution_direct,
              src, wany, NULL, dst, st, dl, pl, pr, fpd, NULL));
#else
        dnnl_convolution_desc_t f, d, w;
        CHECK(dnnl_dilated_convolution_forward_desc_init(&f, dnnl_forward_training, dnnl_convolution_direct, &src, &wany, NULL, &dst, st, dl, pl, pr));
        CHECK(dnnl_primitive_desc_create(&fpd, &f, NULL, engine, NULL));
        CHECK(dnnl_dilated_convolution_backward_data_desc_init(&d, dnnl_convolution_direct, &src, &wany, &dst, st, dl, pl, pr));
        CHECK(dnnl_primitive_desc_create(&dpd, &d, NULL, engine, fpd));
        CHECK(dnnl_dilated_convolution_backward_weights_desc_init(&w, dnnl_convolution_direct, &src, &wany, NULL, &dst, st, dl, pl, pr));
        CHECK(dnnl_primitive_desc_create(&wpd, &w, NULL, engine, fpd));
#endif
        dnnl_memory_t x = mem(MD(src)), y = mem(MD(dst));
        dnnl_memory_t fw = mem(dnnl_primitive_desc_query_md(fpd, dnnl_query_weights_md, 0));
        dnnl_memory_t dw = mem(dnnl_primitive_desc_query_md(dpd, dnnl_query_weights_md, 0));
        dnnl_memory_t gw = mem(dnnl_primitive_desc_query_md(wpd, dnnl_query_diff_weights_md, 0));
        dnnl_primitive_t fp, dp, wp;
        CHECK(dnnl_primitive_create(&fp, fpd)); CHECK(dnnl_primitive_create(&dp, dpd)); CHECK(dnnl_primitive_create(&wp, wpd));
        dnnl_exec_arg_t fa[] = {{DNNL_ARG_SRC, x}, {DNNL_ARG_WEIGHTS, fw}, {DNNL_ARG_DST, y}};
        dnnl_exec_arg_t da[] = {{DNNL_ARG_DIFF_DST, y}, {DNNL_ARG_WEIGHTS, dw}, {DNNL_ARG_DIFF_SRC, x}};
        dnnl_exec_arg_t wa[] = {{DNNL_ARG_SRC, x}, {DNNL_ARG_DIFF_DST, y}, {DNNL_ARG_DIFF_WEIGHTS, gw}};
        double tf = run(fp, fa, 3), td = run(dp, da, 3), tw = run(wp, wa, 3);
        double flop = 2.0 * s.n * oh * ow * s.k * s.c * s.kh * s.kh * 3;
        total += tf + td + tw;
        printf("%-34s %9.2f %9.2f %9.2f %9.1f  %s\n", s.name, 1e3 * tf, 1e3 * td, 1e3 * tw, flop / (tf + td + tw) / 1e9, impl(fpd));
    }
    printf("%-34s %29.2f\n", "all shapes, all passes", 1e3 * total);
    return 0;
}

/* What oneDNN's batch normalization (forward training with the ReLU fused, and backward) takes on
 * DenseNet's batch-norm layers at batch 128, to set against the engine's own batch norm in a
 * profile of the same step (bench/results/onednn-batchnorm-2026-12-01.txt). Reads "channels size"
 * lines on stdin; bench/onednn/batchnorm-densenet makes them from the summary and runs this. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <dnnl.h>
#define CHECK(x) do { dnnl_status_t s_ = (x); if (s_) { fprintf(stderr, "%s: %d line %d\n", #x, s_, __LINE__); exit(1); } } while (0)
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
dnnl_engine_t e; dnnl_stream_t st;
static dnnl_memory_t mem(const dnnl_memory_desc_t *m) { dnnl_memory_t x; CHECK(dnnl_memory_create(&x, m, e, DNNL_MEMORY_ALLOCATE));
  void *p; dnnl_memory_get_data_handle(x, &p); size_t n = dnnl_memory_desc_get_size(m) / 4; float *f = p; for (size_t i = 0; i < n; i++) f[i] = (float)((i * 7919) % 1000) / 1000.0f - 0.3f; return x; }
static double run(dnnl_primitive_t p, dnnl_exec_arg_t *a, int n) { double t[9];
  for (int i = 0; i < 12; i++) { double t0 = now(); CHECK(dnnl_primitive_execute(p, st, n, a)); CHECK(dnnl_stream_wait(st)); if (i >= 3) t[i - 3] = now() - t0; }
  qsort(t, 9, sizeof t[0], cmp); return t[4]; }
int main(int argc, char **argv) {
  int batch = argc > 1 ? atoi(argv[1]) : 128;
  CHECK(dnnl_engine_create(&e, dnnl_cpu, 0)); CHECK(dnnl_stream_create(&st, e, dnnl_stream_default_flags));
  int c, hw; double tf = 0, tb = 0; int layers = 0;
  while (scanf("%d %d", &c, &hw) == 2) {
    dnnl_dims_t d = {batch, c, hw, hw}; dnnl_memory_desc_t md; CHECK(dnnl_memory_desc_init_by_tag(&md, 4, d, dnnl_f32, dnnl_nhwc));
    unsigned flags = dnnl_use_scaleshift | dnnl_fuse_norm_relu;
    dnnl_batch_normalization_desc_t fd, bd; CHECK(dnnl_batch_normalization_forward_desc_init(&fd, dnnl_forward_training, &md, 1e-5f, flags));
    dnnl_primitive_desc_t fpd, bpd; CHECK(dnnl_primitive_desc_create(&fpd, &fd, NULL, e, NULL));
    CHECK(dnnl_batch_normalization_backward_desc_init(&bd, dnnl_backward, &md, &md, 1e-5f, flags));
    CHECK(dnnl_primitive_desc_create(&bpd, &bd, NULL, e, fpd));
    dnnl_memory_t src = mem(&md), dst = mem(&md), dsrc = mem(&md), ddst = mem(&md);
    dnnl_memory_t mean = mem(dnnl_primitive_desc_query_md(fpd, dnnl_query_dst_md, 1)), var = mem(dnnl_primitive_desc_query_md(fpd, dnnl_query_dst_md, 2));
    dnnl_memory_t ws = mem(dnnl_primitive_desc_query_md(fpd, dnnl_query_workspace_md, 0));
    dnnl_memory_t ss = mem(dnnl_primitive_desc_query_md(fpd, dnnl_query_weights_md, 0)), dss = mem(dnnl_primitive_desc_query_md(bpd, dnnl_query_diff_weights_md, 0));
    dnnl_primitive_t fp, bp; CHECK(dnnl_primitive_create(&fp, fpd)); CHECK(dnnl_primitive_create(&bp, bpd));
    dnnl_exec_arg_t fa[] = {{DNNL_ARG_SRC, src}, {DNNL_ARG_SCALE_SHIFT, ss}, {DNNL_ARG_DST, dst}, {DNNL_ARG_MEAN, mean}, {DNNL_ARG_VARIANCE, var}, {DNNL_ARG_WORKSPACE, ws}};
    dnnl_exec_arg_t ba[] = {{DNNL_ARG_SRC, src}, {DNNL_ARG_MEAN, mean}, {DNNL_ARG_VARIANCE, var}, {DNNL_ARG_DIFF_DST, ddst}, {DNNL_ARG_SCALE_SHIFT, ss}, {DNNL_ARG_WORKSPACE, ws}, {DNNL_ARG_DIFF_SRC, dsrc}, {DNNL_ARG_DIFF_SCALE_SHIFT, dss}};
    tf += run(fp, fa, 6); tb += run(bp, ba, 8); layers++;
    const char *name = "?"; dnnl_primitive_desc_query(fpd, dnnl_query_impl_info_str, 0, &name); if (layers == 1) printf("# kernel: %s\n", name);
  }
  printf("oneDNN %d.%d batch norm + ReLU, %d layers at batch %d: forward %.1f ms, backward %.1f ms, total %.1f ms\n", dnnl_version()->major, dnnl_version()->minor, layers, batch, 1e3 * tf, 1e3 * tb, 1e3 * (tf + tb));
  return 0;
}

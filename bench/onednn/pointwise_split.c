// A pointwise convolution's weight gradient dW (oc × ic) = dyᵀ · x over N·H·W rows (batch 128,
// GoogLeNet's 1×1 shapes, the grouped ones stacked) three ways on 2 threads: one dnnl_sgemm
// (oneDNN splits the work itself); the rows split in two halves, each half one sgemm on its own
// thread inside an OpenMP region (where oneDNN runs sequentially), then one add; and 2,048-row
// chunks dealt round-robin. Kernels.accumulateTransposedProduct does the second. Caches flushed
// before each call; best of 7.
//   gcc -O2 -fopenmp bench/onednn/pointwise_split.c -o /tmp/pointwise_split -ldnnl && OMP_NUM_THREADS=2 /tmp/pointwise_split
#include <dnnl.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static float *flush;
static void flushCaches(void) { for (long i = 0; i < (16L << 20); i++) flush[i] = (float)i; }
int main(void) {
    int shapes[][3] = {{64, 64, 32}, {64, 72, 32}, {96, 72, 16}, {96, 64, 16}, {96, 80, 16}, {128, 96, 8}, {64, 8, 32}, {64, 12, 32}};
    flush = malloc(64L << 20);
    printf("%-18s %20s %20s %20s\n", "ic oc h×w", "one sgemm", "two halves", "2,048-row chunks");
    for (int s = 0; s < 8; s++) {
        long ic = shapes[s][0], oc = shapes[s][1], h = shapes[s][2], M = 128 * h * h;
        float *x = malloc(M * ic * 4), *dy = malloc(M * oc * 4), *dw = malloc(ic * oc * 4 * 4);
        for (long i = 0; i < M * ic; i++) x[i] = (i % 7) * 0.1f;
        for (long i = 0; i < M * oc; i++) dy[i] = (i % 5) * 0.1f;
        double one = 1e9, halves = 1e9, chunks = 1e9;
        for (int r = 0; r < 7; r++) {
            flushCaches();
            double t = now();
            dnnl_sgemm('T', 'N', oc, ic, M, 1.0f, dy, oc, x, ic, 0.0f, dw, ic);
            t = now() - t; if (t < one) one = t;
            flushCaches();
            t = now();
            #pragma omp parallel num_threads(2)
            {
                int th = omp_get_thread_num();
                long lo = M * th / 2, hi = M * (th + 1) / 2;
                dnnl_sgemm('T', 'N', oc, ic, hi - lo, 1.0f, dy + lo * oc, oc, x + lo * ic, ic, 0.0f, dw + th * ic * oc, ic);
            }
            for (long i = 0; i < ic * oc; i++) dw[i] += dw[ic * oc + i];
            t = now() - t; if (t < halves) halves = t;
            flushCaches();
            t = now();
            #pragma omp parallel num_threads(2)
            {
                int th = omp_get_thread_num(), first = 1;
                long chunk = 2048;
                float *acc = dw + (2 + th) * ic * oc;
                for (long lo = th * chunk; lo < M; lo += 2 * chunk, first = 0) {
                    long n = lo + chunk < M ? chunk : M - lo;
                    dnnl_sgemm('T', 'N', oc, ic, n, 1.0f, dy + lo * oc, oc, x + lo * ic, ic, first ? 0.0f : 1.0f, acc, ic);
                }
            }
            for (long i = 0; i < ic * oc; i++) dw[i] = dw[2 * ic * oc + i] + dw[3 * ic * oc + i];
            t = now() - t; if (t < chunks) chunks = t;
        }
        double gflop = 2.0 * M * ic * oc / 1e9;
        printf("%3ld %3ld %2ldx%-2ld      %6.2f ms %4.0f GF/s  %6.2f ms %4.0f GF/s  %6.2f ms %4.0f GF/s\n", ic, oc, h, h,
               one * 1e3, gflop / one, halves * 1e3, gflop / halves, chunks * 1e3, gflop / chunks);
        free(x); free(dy); free(dw);
    }
    return 0;
}

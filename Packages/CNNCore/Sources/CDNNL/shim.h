#include <dnnl.h>
// oneDNN on Debian runs on OpenMP (libgomp); its thread count is OpenMP's.
void omp_set_num_threads(int);
int omp_get_max_threads(void);
int omp_get_thread_num(void);
int omp_get_num_threads(void);
// libgomp's entry for `#pragma omp parallel` (its documented ABI, "Implementing PARALLEL
// construct"): runs fn(data) on a team of num_threads threads, the caller being thread 0.
// The engine's own loops use it so that they run on the same threads as oneDNN's.
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);

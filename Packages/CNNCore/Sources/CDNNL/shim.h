#include <dnnl.h>
// oneDNN on Debian runs on OpenMP (libgomp); its thread count is OpenMP's.
void omp_set_num_threads(int);
int omp_get_max_threads(void);
int omp_get_thread_num(void);
int omp_get_num_threads(void);
int omp_in_parallel(void);
// libgomp's entry for a parallel region (what GCC emits for `#pragma omp parallel`, a stable
// ABI since GCC 4.9): runs fn(data) on a team of num_threads, the caller included. The engine's
// own loops run on it, so they share oneDNN's threads instead of waking a second pool.
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);

#include <dnnl.h>
// oneDNN on Debian runs on OpenMP (libgomp); its thread count is OpenMP's.
void omp_set_num_threads(int);
int omp_get_max_threads(void);

// The CPU's float32 FMA peak, which bench/throughput.py's --ghz stands for (peak per core =
// GHz × 16 lanes × 2 FMA units × 2): 12 independent chains of 512-bit FMAs per thread, so
// neither latency nor memory limits it. AVX-512 machines only.
//   gcc -O2 -mavx512f -fopenmp bench/peak/peak.c -o /tmp/peak && OMP_NUM_THREADS=1 /tmp/peak
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#include <omp.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(){
  long iters=200000000/12*4;
  double t=now(); float sink=0;
  #pragma omp parallel reduction(+:sink)
  {
    __m512 a[12]; __m512 b=_mm512_set1_ps(0.999999f), c=_mm512_set1_ps(1e-7f);
    for(int i=0;i<12;i++) a[i]=_mm512_set1_ps(i);
    for(long n=0;n<iters;n++){
      #pragma GCC unroll 12
      for(int i=0;i<12;i++) a[i]=_mm512_fmadd_ps(a[i],b,c);
    }
    for(int i=0;i<12;i++) sink+=_mm512_reduce_add_ps(a[i]);
  }
  t=now()-t;
  int th=omp_get_max_threads();
  printf("%d threads: %.1f GFLOP/s (%.1f per core)  [sink %g]\n",th, 2.0*16*12*iters*th/t/1e9, 2.0*16*12*iters/t/1e9, sink);
}

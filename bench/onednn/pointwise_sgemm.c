// A pointwise convolution's weight gradient as one sgemm over the batch, dW (oc × ic) = dyᵀ · x
// with x (N·H·W × ic) and dy (N·H·W × oc) channels-last, at GoogLeNet's 1×1 shapes (batch 128):
// what Conv2d.backward now does instead of oneDNN 2.6's 1×1 backward-weights primitive. Best of
// 7 on the same buffers (the smaller ones stay in cache, so these are upper bounds).
//   gcc -O2 bench/onednn/pointwise_sgemm.c -o /tmp/pointwise_sgemm -ldnnl && OMP_NUM_THREADS=2 /tmp/pointwise_sgemm
#include <dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  int shapes[][3]={{64,16,32},{64,32,32},{96,16,16},{64,8,32},{96,32,16},{128,16,8},{192,64,16}};
  for(int s=0;s<7;s++){
    long ic=shapes[s][0], oc=shapes[s][1], h=shapes[s][2], M=128*h*h;
    float*x=malloc(M*ic*4),*dy=malloc(M*oc*4),*dw=malloc(ic*oc*4);
    for(long i=0;i<M*ic;i++)x[i]=(i%7)*0.1f; for(long i=0;i<M*oc;i++)dy[i]=(i%5)*0.1f;
    // dW (oc x ic) = dy^T (oc x M) * x (M x ic)
    double best=1e9;
    for(int r=0;r<7;r++){double t=now();
      dnnl_sgemm('T','N',oc,ic,M,1.0f,dy,oc,x,ic,0.0f,dw,ic);
      t=now()-t; if(t<best)best=t;}
    printf("ic%ld oc%ld h%ld: %.2f ms  %.1f GFLOP/s\n",ic,oc,h,best*1e3,2.0*M*ic*oc/best/1e9);
    free(x);free(dy);free(dw);
  }
}

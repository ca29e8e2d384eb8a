#!/usr/bin/env bash
# A/B of engine builds: `cnn-kernel bench` (training) for each binary in turn, ROUNDS times,
# alternating so the machine's drift falls on all of them alike; prints each binary's median.
#
#   bench/ab.sh ROUNDS MODEL BATCH THREADS BINARY...
#   bench/ab.sh 4 googlenet 128 2 /tmp/before/cnn-kernel .build/release/cnn-kernel
#
# A copied binary needs its libCNNCore.so beside it (the build's rpath looks there first).
set -euo pipefail
if [ $# -lt 5 ]; then sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
rounds=$1 model=$2 batch=$3 threads=$4
shift 4
declare -A figures
for _ in $(seq "$rounds"); do
    for binary in "$@"; do
        line=$("$binary" bench --model "$model" --batch "$batch" --threads "$threads" --mode train \
               --steps 5 --repeats 3 --min-block-s 1.0 2>&1 | grep 'img/s')
        figures[$binary]+=" $(echo "$line" | awk '{print $7}')"
    done
done
for binary in "$@"; do
    median=$(echo "${figures[$binary]}" | tr ' ' '\n' | grep . | sort -n |
             awk '{x[NR]=$1} END {print (NR % 2 ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2)}')
    echo "$binary median $median images/s:${figures[$binary]}"
done

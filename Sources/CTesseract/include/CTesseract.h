// Tesseract's C API and leptonica, for Swift.
//
// libtesseract is not linked at build time: ds_tesseract_load() opens it at run time, after setting
// OMP_THREAD_LIMIT=1. libtesseract pulls in libgomp, which reads that variable once, when it is loaded; linked
// at build time it would be loaded before any of our code runs (measured: one MRZ read 460 ms with OpenMP's
// default threads, 55 ms with one). Loading it ourselves sets the limit without re-executing the program.
#ifndef DS_CTESSERACT_H
#define DS_CTESSERACT_H

#include <tesseract/capi.h>
#include <leptonica/allheaders.h>

/// Loads libtesseract (once; thread-safe), with OMP_THREAD_LIMIT=1 unless the variable is already set.
/// Returns NULL on success, else a sentence saying what failed. The Tess* functions may be called only after a
/// successful load.
const char *ds_tesseract_load(void);

/// OpenMP's thread limit as the loaded libtesseract's libgomp sees it (omp_get_thread_limit), or -1 when
/// libtesseract is not loaded or has no OpenMP.
int ds_openmp_thread_limit(void);

#endif

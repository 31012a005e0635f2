// Run-time loading of libtesseract (see include/CTesseract.h for why): each Tess* function DocSentry uses is
// defined here and forwards to the library's own, found with dlsym.
#define _GNU_SOURCE  // RTLD_NEXT
#include "CTesseract.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// X(return type, name, parameters, arguments) for functions with a result; V(name, parameters, arguments) for
// void ones.
#define DS_TESSERACT_FUNCTIONS(X, V)                                                                          \
    X(TessBaseAPI *, TessBaseAPICreate, (void), ())                                                           \
    V(TessBaseAPIDelete, (TessBaseAPI * handle), (handle))                                                    \
    V(TessBaseAPIEnd, (TessBaseAPI * handle), (handle))                                                       \
    X(const char *, TessBaseAPIGetDatapath, (TessBaseAPI * handle), (handle))                                 \
    X(int, TessBaseAPIInit2, (TessBaseAPI * handle, const char *datapath, const char *language,               \
                              TessOcrEngineMode oem), (handle, datapath, language, oem))                      \
    X(BOOL, TessBaseAPISetVariable, (TessBaseAPI * handle, const char *name, const char *value),              \
      (handle, name, value))                                                                                  \
    V(TessBaseAPISetPageSegMode, (TessBaseAPI * handle, TessPageSegMode mode), (handle, mode))                \
    V(TessBaseAPISetImage, (TessBaseAPI * handle, const unsigned char *imagedata, int width, int height,      \
                            int bytes_per_pixel, int bytes_per_line),                                         \
      (handle, imagedata, width, height, bytes_per_pixel, bytes_per_line))                                    \
    V(TessBaseAPISetSourceResolution, (TessBaseAPI * handle, int ppi), (handle, ppi))                         \
    V(TessBaseAPIClear, (TessBaseAPI * handle), (handle))                                                     \
    X(int, TessBaseAPIRecognize, (TessBaseAPI * handle, ETEXT_DESC * monitor), (handle, monitor))             \
    X(TessResultIterator *, TessBaseAPIGetIterator, (TessBaseAPI * handle), (handle))                         \
    X(TessPageIterator *, TessResultIteratorGetPageIterator, (TessResultIterator * handle), (handle))         \
    X(char *, TessResultIteratorGetUTF8Text, (const TessResultIterator *handle, TessPageIteratorLevel level),  \
      (handle, level))                                                                                        \
    V(TessDeleteText, (const char *text), (text))                                                             \
    X(float, TessResultIteratorConfidence, (const TessResultIterator *handle, TessPageIteratorLevel level),    \
      (handle, level))                                                                                        \
    X(BOOL, TessPageIteratorBoundingBox, (const TessPageIterator *handle, TessPageIteratorLevel level,         \
                                          int *left, int *top, int *right, int *bottom),                      \
      (handle, level, left, top, right, bottom))                                                              \
    X(TessChoiceIterator *, TessResultIteratorGetChoiceIterator, (const TessResultIterator *handle), (handle)) \
    X(const char *, TessChoiceIteratorGetUTF8Text, (const TessChoiceIterator *handle), (handle))               \
    X(float, TessChoiceIteratorConfidence, (const TessChoiceIterator *handle), (handle))                       \
    X(BOOL, TessChoiceIteratorNext, (TessChoiceIterator * handle), (handle))                                   \
    V(TessChoiceIteratorDelete, (TessChoiceIterator * handle), (handle))                                       \
    X(BOOL, TessPageIteratorNext, (TessPageIterator * handle, TessPageIteratorLevel level), (handle, level))   \
    V(TessResultIteratorDelete, (TessResultIterator * handle), (handle))

#define DS_POINTER(type, name, parameters, arguments) static type(*ds_##name) parameters;
#define DS_VOID_POINTER(name, parameters, arguments) static void(*ds_##name) parameters;
DS_TESSERACT_FUNCTIONS(DS_POINTER, DS_VOID_POINTER)

#define DS_FORWARD(type, name, parameters, arguments) \
    type name parameters { return ds_##name arguments; }
#define DS_VOID_FORWARD(name, parameters, arguments) \
    void name parameters { ds_##name arguments; }
DS_TESSERACT_FUNCTIONS(DS_FORWARD, DS_VOID_FORWARD)

static pthread_once_t ds_once = PTHREAD_ONCE_INIT;
static void *ds_library;
static char ds_error[512];

static void ds_load(void) {
    // 0: a limit the user set (OMP_THREAD_LIMIT=2 to give each read two threads) is kept.
    setenv("OMP_THREAD_LIMIT", "1", 0);
    const char *names[] = {"libtesseract.so.5", "libtesseract.so"};
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !ds_library; i++) {
        ds_library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (!ds_library) {
        snprintf(ds_error, sizeof ds_error, "cannot load libtesseract (%s): install libtesseract5", dlerror());
        return;
    }
#define DS_LOAD(type, name, parameters, arguments)                                                        \
    if (!(ds_##name = (type(*) parameters)dlsym(ds_library, #name))) {                                  \
        snprintf(ds_error, sizeof ds_error, "libtesseract has no function %s: a Tesseract 5 is needed", #name); \
        return;                                                                                           \
    }
#define DS_VOID_LOAD(name, parameters, arguments) DS_LOAD(void, name, parameters, arguments)
    DS_TESSERACT_FUNCTIONS(DS_LOAD, DS_VOID_LOAD)
}

const char *ds_tesseract_load(void) {
    pthread_once(&ds_once, ds_load);
    return ds_error[0] ? ds_error : NULL;
}

int ds_openmp_thread_limit(void) {
    if (ds_tesseract_load() != NULL) return -1;
    int (*limit)(void) = (int (*)(void))dlsym(ds_library, "omp_get_thread_limit");
    return limit ? limit() : -1;
}

// libtesseract hands each text line to its LSTM recogniser as an ImageData, which keeps the line image as a PNG it
// encodes in memory at zlib's default level (ImageData::SetPixInternal calls pixWriteMem(..., IFF_PNG)) and decodes
// again moments later: 8% of a document's CPU on the bench (perf, 60 documents). Leptonica's own serialised form
// (SPIX: a header, then the pixels as they are in memory; pixReadMem recognises it) is lossless and costs a copy.
// The executable exports this definition (Package.swift, --export-dynamic-symbol), so libtesseract's call binds
// here; any other format goes to Leptonica's own function. DocSentry itself writes no image through pixWriteMem.
l_ok pixWriteMem(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format) {
    if (format == IFF_PNG && pix != NULL) return pixWriteMemSpix(pdata, psize, pix);
    l_ok (*leptonica)(l_uint8 **, size_t *, PIX *, l_int32) =
        (l_ok(*)(l_uint8 **, size_t *, PIX *, l_int32))dlsym(RTLD_NEXT, "pixWriteMem");
    return leptonica ? leptonica(pdata, psize, pix, format) : 1;
}

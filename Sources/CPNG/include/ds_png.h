#ifndef DS_PNG_H
#define DS_PNG_H

#include <stddef.h>
#include <stdint.h>

/// Result codes of ds_png_decode_gray. libpng reports its errors by longjmp; this shim catches every one of
/// them and turns it into a code plus a message, so that no jump ever crosses into Swift.
typedef enum {
    DS_PNG_OK = 0,
    DS_PNG_NOT_PNG = 1,         ///< the signature is not PNG's
    DS_PNG_TOO_LARGE = 2,       ///< the declared size is over the pixel limit (checked before allocating)
    DS_PNG_CORRUPT = 3,         ///< libpng reported an error (bad CRC, truncated data, bad chunk, ...)
    DS_PNG_OUT_OF_MEMORY = 4,
    DS_PNG_EMPTY_IMAGE = 5      ///< zero width or height
} ds_png_status;

typedef struct {
    uint32_t width;
    uint32_t height;
    int color_type;             ///< the file's PNG colour type, before conversion
    int bit_depth;              ///< the file's bit depth, before conversion
    int interlaced;
    double x_pixels_per_metre;  ///< from pHYs, 0 when absent
    unsigned char *pixels;      ///< width*height 8-bit grey, row-major; free with ds_png_free
    char message[256];          ///< libpng's message when status is DS_PNG_CORRUPT
} ds_png_image;

/// Decodes PNG bytes into 8-bit grey (alpha composited on white, 16-bit reduced, palette expanded).
/// max_pixels bounds width*height as declared in IHDR, before any pixel memory is allocated.
ds_png_status ds_png_decode_gray(const unsigned char *data, size_t length, uint64_t max_pixels,
                                 ds_png_image *out);

/// Reads only the header: width, height, colour type, bit depth. Nothing is allocated.
ds_png_status ds_png_read_header(const unsigned char *data, size_t length, ds_png_image *out);

void ds_png_free(ds_png_image *image);

/// Encodes an 8-bit grey raster as PNG into a malloc'ed buffer (free with ds_png_free_buffer).
ds_png_status ds_png_encode_gray(const unsigned char *pixels, uint32_t width, uint32_t height,
                                 unsigned char **out_data, size_t *out_length);

/// Encodes 8-bit RGB (3 bytes a pixel) as PNG into a malloc'ed buffer.
ds_png_status ds_png_encode_rgb(const unsigned char *pixels, uint32_t width, uint32_t height,
                                unsigned char **out_data, size_t *out_length);

void ds_png_free_buffer(unsigned char *buffer);

#endif

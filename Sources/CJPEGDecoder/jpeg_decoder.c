#include "jpeg_decoder.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf escape;
    belamy_jpeg_info *info;
} error_state;

static void fail(j_common_ptr common) {
    error_state *state = (error_state *)common->err;
    common->err->format_message(common, state->info->message);
    longjmp(state->escape, 1);
}

// A progressive file may hold any number of scans, each a pass over the whole image, so a small
// hostile file with thousands of them keeps the decoder busy for minutes. Real files have about ten.
#define MAXIMUM_SCANS 1000

static void limit_scans(j_common_ptr common) {
    if (common->is_decompressor && ((j_decompress_ptr)common)->input_scan_number > MAXIMUM_SCANS) {
        error_state *state = (error_state *)common->err;
        snprintf(state->info->message, sizeof state->info->message, "more than %d scans", MAXIMUM_SCANS);
        longjmp(state->escape, 1);
    }
}

// Warnings are ignored (real files often carry harmless ones) except running out of data:
// libjpeg would otherwise pad a truncated file with gray and call it a success.
static void warn(j_common_ptr common, int level) {
    if (level == -1 && common->err->msg_code == JWRN_JPEG_EOF) fail(common);
}

static int choose_output(struct jpeg_decompress_struct *decoder, belamy_jpeg_info *info) {
    switch (decoder->jpeg_color_space) {
    case JCS_GRAYSCALE:
        decoder->out_color_space = JCS_GRAYSCALE;
        info->components = 1;
        return 0;
    case JCS_YCbCr:
    case JCS_RGB:
        decoder->out_color_space = JCS_RGB;
        info->components = 3;
        return 0;
    default:
        snprintf(info->message, sizeof info->message,
                 "unsupported colour space (%d components; CMYK and YCCK are not read)",
                 decoder->num_components);
        return 1;
    }
}

// Runs header parsing and, when `pixels` is not NULL, the whole decode.
static int run(const unsigned char *data, size_t size,
               unsigned char *pixels, size_t capacity, belamy_jpeg_info *info) {
    struct jpeg_decompress_struct decoder;
    struct jpeg_progress_mgr progress = { .progress_monitor = limit_scans };
    error_state state;
    memset(info, 0, sizeof *info);
    decoder.err = jpeg_std_error(&state.manager);
    state.manager.error_exit = fail;
    state.manager.emit_message = warn;
    state.info = info;
    if (setjmp(state.escape)) {
        jpeg_destroy_decompress(&decoder);
        return 1;
    }
    jpeg_create_decompress(&decoder);
    decoder.progress = &progress;
    jpeg_mem_src(&decoder, data, (unsigned long)size);
    jpeg_read_header(&decoder, TRUE);
    info->width = (int)decoder.image_width;
    info->height = (int)decoder.image_height;
    if (choose_output(&decoder, info) != 0) {
        jpeg_destroy_decompress(&decoder);
        return 1;
    }
    if (pixels != NULL) {
        size_t row_bytes = (size_t)info->width * (size_t)info->components;
        if (capacity < row_bytes * (size_t)info->height) {
            snprintf(info->message, sizeof info->message, "output buffer too small");
            jpeg_destroy_decompress(&decoder);
            return 1;
        }
        jpeg_start_decompress(&decoder);
        while (decoder.output_scanline < decoder.output_height) {
            JSAMPROW row = pixels + row_bytes * decoder.output_scanline;
            jpeg_read_scanlines(&decoder, &row, 1);
        }
        jpeg_finish_decompress(&decoder);
    }
    jpeg_destroy_decompress(&decoder);
    return 0;
}

int belamy_jpeg_read_header(const unsigned char *data, size_t size, belamy_jpeg_info *info) {
    return run(data, size, NULL, 0, info);
}

int belamy_jpeg_decode(const unsigned char *data, size_t size,
                       unsigned char *pixels, size_t capacity, belamy_jpeg_info *info) {
    return run(data, size, pixels, capacity, info);
}

// A JPEG decoder over libjpeg-turbo that reports errors as return codes. libjpeg's own error
// handling either exits the process or needs longjmp, which Swift cannot call; this file keeps
// the setjmp/longjmp pair on the C side so that Swift only ever sees a status and a message.
#ifndef BELAMY_JPEG_DECODER_H
#define BELAMY_JPEG_DECODER_H

#include <stddef.h>

/// The size and pixel layout of a decoded JPEG, and the reason when decoding failed.
typedef struct {
    int width;
    int height;
    /// 1 for grayscale, 3 for RGB; other colour spaces are refused.
    int components;
    /// libjpeg's one-line message when a call returns non-zero.
    char message[200];
} belamy_jpeg_info;

/// Reads the frame header: fills width, height and components. Returns 0 on success.
int belamy_jpeg_read_header(const unsigned char *data, size_t size, belamy_jpeg_info *info);

/// Decodes the whole image, top row first, into `pixels` (width × height × components bytes,
/// as reported by belamy_jpeg_read_header). Returns 0 on success.
int belamy_jpeg_decode(const unsigned char *data, size_t size,
                       unsigned char *pixels, size_t capacity, belamy_jpeg_info *info);

#endif

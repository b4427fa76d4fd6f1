// OpenBLAS's CBLAS interface (Debian's libopenblas-dev installs it as /usr/include/<triple>/cblas.h).
#include <cblas.h>

/*
 * A stand-in bcryptprimitives.dll for testing kensho.exe under Wine 8 (Debian 12).
 *
 * Rust's standard library (1.78 and later) gets random bytes on Windows from
 * ProcessPrng in bcryptprimitives.dll (for HashMap seeds). Windows 10 and 11 ship that
 * DLL; Wine added it only in 9.x, so under Debian's Wine 8 kensho.exe does not start
 * ("Library bcryptprimitives.dll not found"). This shim exports ProcessPrng over
 * RtlGenRandom (advapi32's SystemFunction036), which Wine 8 has.
 *
 * Only for the Wine test prefix (scripts/windows.sh copies it into its system32):
 * it is never shipped to staff, whose Windows has the real DLL.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll \
 *          bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

/* RtlGenRandom's real name; its header declaration needs ntsecapi.h's macros. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Windows' documented signature: always returns TRUE there; here FALSE if the
   underlying call fails, which Rust's std treats as a fatal error, as it should. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length (32 bits on Windows): feed it in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}

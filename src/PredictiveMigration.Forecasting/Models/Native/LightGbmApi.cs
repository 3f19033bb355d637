using System.Runtime.InteropServices;

namespace PredictiveMigration.Forecasting.Models.Native;

/// <summary>
/// The few entry points of LightGBM's C API the global model uses. The native library is the one the LightGBM package
/// ships (ML.NET's LightGBM trainer loads the same file); it is called directly because ML.NET's regression trainer
/// fixes the objective to squared loss, while MAE rewards the conditional median (objective <c>regression_l1</c>).
/// Every function returns 0 on success; <see cref="Check"/> turns anything else into an exception with LightGBM's message.
/// </summary>
internal static class LightGbmApi
{
    private const string Library = "lib_lightgbm";

    /// <summary>C_API_DTYPE_FLOAT32.</summary>
    public const int Float32 = 0;

    /// <summary>C_API_DTYPE_FLOAT64.</summary>
    public const int Float64 = 1;

    /// <summary>C_API_PREDICT_NORMAL.</summary>
    public const int PredictNormal = 0;

    [DllImport(Library, EntryPoint = "LGBM_GetLastError")]
    private static extern IntPtr GetLastError();

    [DllImport(Library, EntryPoint = "LGBM_DatasetCreateFromMat")]
    public static extern int DatasetCreateFromMat(float[] data, int dataType, int rows, int columns, int isRowMajor, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, IntPtr reference, out IntPtr dataset);

    [DllImport(Library, EntryPoint = "LGBM_DatasetSetField")]
    public static extern int DatasetSetField(IntPtr dataset, [MarshalAs(UnmanagedType.LPUTF8Str)] string field, float[] data, int count, int dataType);

    [DllImport(Library, EntryPoint = "LGBM_DatasetFree")]
    public static extern int DatasetFree(IntPtr dataset);

    [DllImport(Library, EntryPoint = "LGBM_BoosterCreate")]
    public static extern int BoosterCreate(IntPtr dataset, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, out IntPtr booster);

    [DllImport(Library, EntryPoint = "LGBM_BoosterUpdateOneIter")]
    public static extern int BoosterUpdateOneIter(IntPtr booster, out int isFinished);

    [DllImport(Library, EntryPoint = "LGBM_BoosterPredictForMat")]
    public static extern int BoosterPredictForMat(IntPtr booster, float[] data, int dataType, int rows, int columns, int isRowMajor, int predictType, int startIteration, int iterations, [MarshalAs(UnmanagedType.LPUTF8Str)] string parameters, out long outLength, double[] result);

    [DllImport(Library, EntryPoint = "LGBM_BoosterSaveModelToString")]
    public static extern int BoosterSaveModelToString(IntPtr booster, int startIteration, int iterations, int importanceType, long bufferLength, out long outLength, byte[] buffer);

    [DllImport(Library, EntryPoint = "LGBM_BoosterLoadModelFromString")]
    public static extern int BoosterLoadModelFromString([MarshalAs(UnmanagedType.LPUTF8Str)] string model, out int iterations, out IntPtr booster);

    [DllImport(Library, EntryPoint = "LGBM_BoosterFree")]
    public static extern int BoosterFree(IntPtr booster);

    public static void Check(int code, string what)
    {
        if (code != 0)
        {
            throw new InvalidOperationException($"LightGBM {what} failed: {Marshal.PtrToStringUTF8(GetLastError()) ?? "unknown error"}");
        }
    }
}

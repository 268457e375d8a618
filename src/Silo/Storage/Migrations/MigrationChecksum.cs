using System.Security.Cryptography;
using System.Text;

namespace SglangCi.Silo.Storage.Migrations;

public static class MigrationChecksum
{
    /// <summary>
    /// Hashes the script as text with CRLF/CR folded to LF and a BOM dropped, so only a real edit of an
    /// applied script changes it.
    /// </summary>
    public static string Compute(string sql)
    {
        var normalized = sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized))).ToLowerInvariant();
    }
}

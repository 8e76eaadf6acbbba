using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Ascribe.Core.Errors;

/// <summary>Throws <see cref="AscribeException"/>s with catalogue messages.</summary>
public static class ThrowHelper
{
    [DoesNotReturn]
    public static void Throw(string code, params object?[] args) =>
        throw Create(code, args);

    public static AscribeException Create(string code, params object?[] args) =>
        new(code, string.Format(CultureInfo.InvariantCulture, ErrorCodes.Message(code), args));
}

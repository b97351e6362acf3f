# PNG files for the Retention Messaging image tests, built here so the tests need no binary fixtures: an all-grey
# image of any size (-Alpha: RGBA), written with valid chunk CRCs; -Damage breaks one thing on purpose.

$script:CrcTable = [uint32[]]::new(256)
for ($n = 0; $n -lt 256; $n++) {
    [uint32] $c = $n
    for ($k = 0; $k -lt 8; $k++) { $c = if ($c -band 1) { 0xEDB88320u -bxor ($c -shr 1) } else { $c -shr 1 } }
    $script:CrcTable[$n] = $c
}

function Get-PngCrc {
    param([byte[]] $Bytes)
    [uint32] $c = 0xFFFFFFFFu
    foreach ($b in $Bytes) { $c = $script:CrcTable[($c -bxor $b) -band 0xFF] -bxor ($c -shr 8) }
    [uint32]($c -bxor 0xFFFFFFFFu)
}

function ConvertTo-BigEndian {
    param([uint32] $Value)
    $bytes = [BitConverter]::GetBytes($Value)
    if ([BitConverter]::IsLittleEndian) { [array]::Reverse($bytes) }
    , $bytes
}

function New-PngChunk {
    param([string] $Type, [byte[]] $Data)
    $typeAndData = [Text.Encoding]::ASCII.GetBytes($Type) + $Data
    [byte[]]((ConvertTo-BigEndian $Data.Length) + $typeAndData + (ConvertTo-BigEndian (Get-PngCrc $typeAndData)))
}

function New-TestPng {
    <#
    .SYNOPSIS
        The bytes of a grey PNG of -Width × -Height (RGB, or RGBA with -Alpha). -Damage: 'Signature' (not a PNG),
        'Crc' (a wrong IDAT CRC), 'Truncated' (cut before IEND), 'Trailing' (bytes after IEND).
    #>
    param([int] $Width = 3840, [int] $Height = 160, [switch] $Alpha, [ValidateSet('None', 'Signature', 'Crc', 'Truncated', 'Trailing')] [string] $Damage = 'None')
    $channels = if ($Alpha) { 4 } else { 3 }
    # Bit depth 8; colour type 2 (RGB) or 6 (RGBA); compression, filter and interlace 0.
    $header = [byte[]]((ConvertTo-BigEndian $Width) + (ConvertTo-BigEndian $Height) + [byte[]](8, $(if ($Alpha) { 6 } else { 2 }), 0, 0, 0))
    $row = [byte[]]::new(1 + $Width * $channels)
    for ($i = 1; $i -lt $row.Length; $i++) { $row[$i] = 0x80 }
    $raw = [IO.MemoryStream]::new()
    $zlib = [IO.Compression.ZLibStream]::new($raw, [IO.Compression.CompressionLevel]::Optimal)
    for ($y = 0; $y -lt $Height; $y++) { $zlib.Write($row, 0, $row.Length) }
    $zlib.Dispose()
    $signature = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
    if ($Damage -eq 'Signature') { $signature = [Text.Encoding]::ASCII.GetBytes('GIF89a..') }
    $idat = New-PngChunk 'IDAT' $raw.ToArray()
    if ($Damage -eq 'Crc') { $idat[-1] = $idat[-1] -bxor 0xFF }
    $bytes = $signature + (New-PngChunk 'IHDR' $header) + $idat
    if ($Damage -ne 'Truncated') { $bytes += New-PngChunk 'IEND' ([byte[]]@()) }
    if ($Damage -eq 'Trailing') { $bytes += [byte[]](1, 2, 3) }
    , [byte[]] $bytes
}

function New-TestPngFile {
    <# Writes New-TestPng's bytes (same parameters) to -LiteralPath and returns the path. #>
    param([Parameter(Mandatory)] [string] $LiteralPath, [int] $Width = 3840, [int] $Height = 160, [switch] $Alpha, [string] $Damage = 'None')
    [IO.File]::WriteAllBytes($LiteralPath, (New-TestPng -Width $Width -Height $Height -Alpha:$Alpha -Damage $Damage))
    $LiteralPath
}

Export-ModuleMember -Function New-TestPng, New-TestPngFile

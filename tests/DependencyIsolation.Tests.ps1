# PowerShell loads every module's assemblies into one process. These tests load a different, real version
# of Microsoft.IdentityModel.* (7.7.1 from NuGet, as Az or Microsoft.Graph would) into the same session as
# AppStoreJws, in both orders, and use both.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $packages = Join-Path $env:APPSTOREJWS_REPO 'out/packages'
    $script:otherVersion = @('abstractions', 'logging', 'tokens') | ForEach-Object {
        $name = (Get-Culture).TextInfo.ToTitleCase($_)
        Join-Path $packages "microsoft.identitymodel.$_/7.7.1/lib/net8.0/Microsoft.IdentityModel.$name.dll"
    }
    $script:prelude = @"
`$ErrorActionPreference = 'Stop'
`$module = '$($env:APPSTOREJWS_MODULE)'
`$other = @('$($otherVersion -join "','")')
`$pem = [Security.Cryptography.ECDsa]::Create([Security.Cryptography.ECCurve+NamedCurves]::nistP256).ExportPkcs8PrivateKeyPem()
function Use-OtherVersion {
    `$jwk = [Microsoft.IdentityModel.Tokens.JsonWebKey]::new('{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}')
    `$version = [Microsoft.IdentityModel.Tokens.JsonWebKey].Assembly.GetName().Version
    'other:{0}:{1}:{2}' -f `$version, `$jwk.Crv, [Microsoft.IdentityModel.Tokens.Base64UrlEncoder]::Encode('hi')
}
function Use-AppStoreJws {
    `$key = Get-AppStoreKey -Content `$pem -KeyId ABCDE12345 -IssuerId 57246542-96fe-1a63-e053-0824d011072a -BundleId com.example.app
    `$jws = New-PromotionalOfferJws -Key `$key -ProductId p -OfferIdentifier o
    'ours:{0}:{1}' -f `$jws.Token.Split('.').Count, `$key.Thumbprint.Length
}
"@
}

Describe 'Dependency isolation' {
    It 'all three older assemblies exist for the test' {
        $otherVersion | ForEach-Object { $_ | Should -Exist }
    }

    It 'works when another module loaded Microsoft.IdentityModel 7.7.1 first' {
        $output = Invoke-ChildPwsh ($prelude + @'
$other | ForEach-Object { Add-Type -Path $_ }
Use-OtherVersion
Import-Module $module
Use-AppStoreJws
Use-OtherVersion
'@)
        $output | Should -Be @('other:7.7.1.0:P-256:aGk', 'ours:3:43', 'other:7.7.1.0:P-256:aGk')
    }

    It 'does not break a module that loads Microsoft.IdentityModel 7.7.1 after it' {
        $output = Invoke-ChildPwsh ($prelude + @'
Import-Module $module
Use-AppStoreJws
$other | ForEach-Object { Add-Type -Path $_ }
Use-OtherVersion
Use-AppStoreJws
'@)
        $output | Should -Be @('ours:3:43', 'other:7.7.1.0:P-256:aGk', 'ours:3:43')
    }

    It 'keeps its own copies out of the default load context' {
        $output = Invoke-ChildPwsh ($prelude + @'
Import-Module $module
Use-AppStoreJws | Out-Null
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -match '^(AppStoreJws|Microsoft\.IdentityModel)' } |
    ForEach-Object { '{0}={1}' -f $_.GetName().Name, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).GetType().Name } | Sort-Object
'@)
        $output | Should -Contain 'AppStoreJws=DefaultAssemblyLoadContext'
        $output | Should -Contain 'AppStoreJws.Core=DependencyLoadContext'
        $output | Should -Contain 'Microsoft.IdentityModel.Tokens=DependencyLoadContext'
        $output | Where-Object { $_ -match '^Microsoft\.IdentityModel.*=Default' } | Should -BeNullOrEmpty
    }
}

# Keeps docs/ARCHITECTURE.md true to the code: every source folder and every abstract cmdlet base is named there,
# and no source file grows past the size a reader can hold in mind. The doc drifted once (folders added, a base
# renamed, a recipe missing a step); these tests fail the day it drifts again.

BeforeDiscovery {
    $source = Join-Path $env:APPSTOREJWS_REPO 'src'
    $script:folders = foreach ($project in 'AppStoreJws.Core', 'AppStoreJws') {
        $root = Join-Path $source $project
        Get-ChildItem -LiteralPath $root -Directory -Recurse |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' } |
            ForEach-Object { @{ Project = $project; Folder = [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } }
    }
}

BeforeAll {
    $script:architecture = Get-Content -LiteralPath (Join-Path $env:APPSTOREJWS_REPO 'docs/ARCHITECTURE.md') -Raw
    Import-Module $env:APPSTOREJWS_MODULE -Force
    $module = Get-Module AppStoreJws
    $script:assembly = $module.ImplementingAssembly
    $script:cmdletBases = @($assembly.GetTypes() | Where-Object { $_.IsAbstract -and $_.IsSubclassOf([System.Management.Automation.PSCmdlet]) })
}

Describe 'docs/ARCHITECTURE.md' {
    It 'names the folder <Folder>/ of <Project>' -ForEach $folders {
        $architecture | Should -Match ([regex]::Escape("$Folder/")) -Because "every folder is described where a reader looks for its room"
    }

    It 'names every abstract cmdlet base' {
        $cmdletBases | Should -Not -BeNullOrEmpty
        foreach ($base in $cmdletBases) {
            $architecture | Should -Match "\b$([regex]::Escape($base.Name))\b" -Because "$($base.Name) is a base cmdlets derive from"
        }
    }
}

Describe 'The Server API cmdlets' {
    It 'derive from one base, AppStoreServerApiCommand, which derives from PSCmdlet' {
        $serverApi = $assembly.GetType('AppStoreJws.Commands.AppStoreServerApiCommand', $true)
        $serverApi.BaseType | Should -Be ([System.Management.Automation.PSCmdlet])
        $cmdlets = @($assembly.GetTypes() | Where-Object { -not $_.IsAbstract -and $_.IsSubclassOf($serverApi) })
        $cmdlets.Count | Should -BeGreaterOrEqual 14
        $deeper = @($cmdlets | Where-Object { $_.BaseType -ne $serverApi } | ForEach-Object { "$($_.Name) derives from $($_.BaseType.Name)" })
        $deeper | Should -BeNullOrEmpty -Because 'what a deeper base would share is a helper object the cmdlet holds'
        @($cmdlets | Where-Object { -not $_.IsSealed }).Name | Should -BeNullOrEmpty
    }

    It 'give the verifying parameters only to the cmdlets that verify what Apple signs (the signed-data cmdlets too)' {
        $verifying = 'TrustedRoot', 'AppAppleId', 'FallbackToSandbox', 'SandboxBaseUri', 'ThrottleLimit'
        foreach ($name in 'Invoke-AppStoreServerApi', 'Send-AppStoreConsumptionInfo', 'Set-AppStoreAppAccountToken', 'Update-AppStoreSubscriptionRenewalDate', 'Get-AppStoreRenewalExtensionStatus') {
            @((Get-Command $name).Parameters.Keys | Where-Object { $_ -in $verifying }) | Should -BeNullOrEmpty -Because "$name verifies nothing"
        }
        foreach ($name in 'Get-AppStoreTransaction', 'Get-AppStoreAppTransaction', 'Get-AppStoreOrder', 'Get-AppStoreSubscriptionStatus', 'Get-AppStoreRefundHistory',
            'Get-AppStoreTransactionHistory', 'Get-AppStoreNotificationHistory', 'Get-AppStoreTestNotificationStatus', 'Send-AppStoreTestNotification',
            'ConvertFrom-AppStoreSignedData', 'Test-AppStoreSignedData') {
            $parameters = (Get-Command $name).Parameters
            $parameters.Keys | Should -Contain 'TrustedRoot'
            $parameters['AppAppleId'].ParameterType | Should -Be ([Nullable[long]])
        }
    }
}

Describe 'Source files' {
    It 'has none over 400 lines' {
        $source = Join-Path $env:APPSTOREJWS_REPO 'src'
        $files = @(Get-ChildItem -LiteralPath $source -Filter '*.cs' -Recurse | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
        $files | Should -Not -BeNullOrEmpty
        $long = foreach ($file in $files) {
            $lines = @(Get-Content -LiteralPath $file.FullName).Count
            if ($lines -gt 400) { "$([IO.Path]::GetRelativePath($source, $file.FullName)): $lines lines" }
        }
        $long | Should -BeNullOrEmpty
    }
}

Describe 'The core''s folder graph' {
    BeforeAll {
        # Folder A uses folder B when a file of A names a type declared in B (comments and string literals aside).
        # The graph is read from the source, so a new folder or a new reference is judged the day it is written.
        function Get-FolderGraph([string] $Root) {
            $declaration = '(?m)^\s*(?:(?:public|internal|private|protected|sealed|static|abstract|partial|readonly)\s+)*(?:class|enum|struct|interface|record)\s+(\w+)'
            $files = foreach ($file in Get-ChildItem -LiteralPath $Root -Filter '*.cs' -Recurse | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }) {
                $relative = [IO.Path]::GetRelativePath($Root, $file.FullName).Replace('\', '/')
                $text = Get-Content -LiteralPath $file.FullName -Raw
                [pscustomobject]@{
                    Folder = if ($relative.Contains('/')) { $relative.Split('/')[0] } else { '(root)' }
                    Text   = $text
                    Code   = ($text -replace '//[^\n]*', '') -replace '@?"(?:\\.|[^"\\\n])*"', '""'
                }
            }
            $declaredIn = @{}
            foreach ($file in $files) {
                foreach ($match in [regex]::Matches($file.Text, $declaration)) {
                    if (-not $declaredIn.ContainsKey($match.Groups[1].Value)) { $declaredIn[$match.Groups[1].Value] = $file.Folder }
                }
            }
            $graph = @{}
            foreach ($file in $files) {
                if (-not $graph.ContainsKey($file.Folder)) { $graph[$file.Folder] = @{} }
                $used = [regex]::Matches($file.Code, '\b[A-Z]\w*\b').Value | Sort-Object -Unique
                foreach ($name in $used) {
                    $target = $declaredIn[$name]
                    if ($target -and $target -ne $file.Folder) { $graph[$file.Folder][$target] = $name }
                }
            }
            $graph
        }

        # .PSBase.Keys: the graph has a folder named Keys, which a hashtable's .Keys would return instead.
        # One cycle as 'A -(Type)-> B -(Type)-> A', or nothing when the graph has none.
        function Find-Cycle([hashtable] $Graph) {
            $state = @{}
            $path = [Collections.Generic.List[string]]::new()
            $visit = {
                param($node)
                $state[$node] = 'open'
                $path.Add($node)
                foreach ($next in @($Graph[$node].PSBase.Keys | Sort-Object)) {
                    if ($state[$next] -eq 'open') {
                        $cycle = @($path.GetRange($path.IndexOf($next), $path.Count - $path.IndexOf($next))) + $next
                        return (@(for ($i = 0; $i -lt $cycle.Count - 1; $i++) { "$($cycle[$i]) -($($Graph[$cycle[$i]][$cycle[$i + 1]]))->" }) + $next) -join ' '
                    }
                    if (-not $state[$next]) {
                        $found = & $visit $next
                        if ($found) { return $found }
                    }
                }
                $state[$node] = 'done'
                $path.RemoveAt($path.Count - 1)
            }
            foreach ($node in @($Graph.PSBase.Keys | Sort-Object)) {
                if (-not $state[$node]) {
                    $found = & $visit $node
                    if ($found) { return $found }
                }
            }
        }

        $script:coreGraph = Get-FolderGraph (Join-Path $env:APPSTOREJWS_REPO 'src/AppStoreJws.Core')
    }

    It 'finds a cycle where there is one, and reads the edges the core has' {
        Find-Cycle @{ A = @{ B = 'Bee' }; B = @{ C = 'Sea' }; C = @{ A = 'Ay' } } | Should -Be 'A -(Bee)-> B -(Sea)-> C -(Ay)-> A'
        Find-Cycle @{ A = @{ B = 'Bee' }; B = @{}; C = @{ A = 'Ay'; B = 'Bee' } } | Should -BeNullOrEmpty
        $coreGraph['Verification'].PSBase.Keys | Should -Contain 'Checks' -Because 'the verifier reports through the check-report model'
        $coreGraph['Inspection'].PSBase.Keys | Should -Contain 'Json'
    }

    It 'has no cycle between the core''s folders' {
        Find-Cycle $coreGraph | Should -BeNullOrEmpty -Because 'a folder that uses another must not be used by it, directly or around a loop'
    }
}

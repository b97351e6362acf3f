// The namespaces nearly every file of the cmdlet layer uses: the PowerShell API, the binding attributes
// ([NoKeyText], the key transformation), the module's exception and the key types. A namespace in scope is no
// reference to a core type: Loading/ still uses none (see docs/ARCHITECTURE.md, "The load context").
global using System;
global using System.Collections.Generic;
global using System.Management.Automation;
global using AppStoreJws.Binding;
global using AppStoreJws.Errors;
global using AppStoreJws.Keys;

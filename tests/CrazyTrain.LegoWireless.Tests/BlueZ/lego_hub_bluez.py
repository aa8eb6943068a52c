'''python-dbusmock template: Debian's bluez5 template plus a LEGO City hub's LWP3 GATT service.

Loaded by CrazyTrain's BlueZ link tests on a private bus:
    python3 -m dbusmock --system --template lego_hub_bluez.py
The hub answers just enough LWP3 for a connect sequence (property requests, port output feedback) and
announces its train motor the moment notifications start, so a client that subscribes to PropertiesChanged
only after StartNotify misses it, as with real BlueZ.
'''

import dbus

from dbusmock import OBJECT_MANAGER_IFACE, mockobject
from dbusmock.templates import bluez5
from dbusmock.templates.bluez5 import *  # noqa: F401,F403 (re-exports the bluez5 mock methods)

BUS_NAME = bluez5.BUS_NAME
MAIN_OBJ = bluez5.MAIN_OBJ
SYSTEM_BUS = bluez5.SYSTEM_BUS
IS_OBJECT_MANAGER = bluez5.IS_OBJECT_MANAGER

GATT_SERVICE_IFACE = 'org.bluez.GattService1'
GATT_CHRC_IFACE = 'org.bluez.GattCharacteristic1'
LWP_SERVICE = '00001623-1212-efde-1623-785feabcd123'
LWP_CHRC = '00001624-1212-efde-1623-785feabcd123'

# Hub Attached I/O: train motor (0x0002) on port A, as a City hub sends it when notifications start.
ATTACHED_MOTOR_A = [0x0F, 0x00, 0x04, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10]


def load(mock, parameters):
    bluez5.load(mock, parameters)


def _notify(chrc, data):
    chrc.props[GATT_CHRC_IFACE]['Value'] = dbus.Array([dbus.Byte(b) for b in data], signature='y')
    chrc.EmitSignal(dbus.PROPERTIES_IFACE, 'PropertiesChanged', 'sa{sv}as', [
        GATT_CHRC_IFACE,
        {'Value': dbus.Array([dbus.Byte(b) for b in data], signature='y', variant_level=1)},
        [],
    ])


def _start_notify(chrc):
    chrc.props[GATT_CHRC_IFACE]['Notifying'] = True
    # Emitted before the method returns: only a match added before StartNotify sees it.
    _notify(chrc, ATTACHED_MOTOR_A)


def _stop_notify(chrc):
    chrc.props[GATT_CHRC_IFACE]['Notifying'] = False


def _write_value(chrc, value, _options):
    data = [int(b) for b in value]
    chrc.writes.append(data)
    if chrc.silent:
        return
    if len(data) == 5 and data[2] == 0x01 and data[4] == 0x05:
        prop = data[3]
        payload = {0x01: list(chrc.hub_name.encode('ascii')), 0x05: [0xC4], 0x06: [0x64]}.get(prop)
        if payload is not None:
            _notify(chrc, [5 + len(payload), 0x00, 0x01, prop, 0x06] + payload)
    elif len(data) >= 6 and data[2] == 0x81 and (data[4] & 0x0F) == 0x01:
        _notify(chrc, [0x05, 0x00, 0x82, data[3], 0x0A])


@dbus.service.method(bluez5.BLUEZ_MOCK_IFACE, in_signature='sss', out_signature='s')
def AddLegoHub(self, adapter_device_name, device_address, alias):
    '''Adds a City hub advertising the LWP3 service, with its GATT service and characteristic.

    Returns the characteristic's object path.
    '''
    path = self.AddDevice(adapter_device_name, device_address, alias)
    device = mockobject.objects[path]
    device.props[bluez5.DEVICE_IFACE]['UUIDs'] = dbus.Array([LWP_SERVICE], signature='s', variant_level=1)

    service_path = path + '/service000c'
    self.AddObject(service_path, GATT_SERVICE_IFACE, {
        'UUID': dbus.String(LWP_SERVICE),
        'Device': dbus.ObjectPath(path),
        'Primary': dbus.Boolean(True),
    }, [])
    chrc_path = service_path + '/char000d'
    self.AddObject(chrc_path, GATT_CHRC_IFACE, {
        'UUID': dbus.String(LWP_CHRC),
        'Service': dbus.ObjectPath(service_path),
        'Value': dbus.Array([], signature='y'),
        'Notifying': dbus.Boolean(False),
        'Flags': dbus.Array(['write-without-response', 'write', 'notify'], signature='s'),
    }, [
        ('StartNotify', '', '', _start_notify),
        ('StopNotify', '', '', _stop_notify),
        ('WriteValue', 'aya{sv}', '', _write_value),
    ])
    chrc = mockobject.objects[chrc_path]
    chrc.writes = []
    chrc.silent = False
    chrc.hub_name = alias

    manager = mockobject.objects['/']
    for object_path, iface in ((service_path, GATT_SERVICE_IFACE), (chrc_path, GATT_CHRC_IFACE)):
        obj = mockobject.objects[object_path]
        manager.EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesAdded', 'oa{sa{sv}}', [
            dbus.ObjectPath(object_path), {iface: obj.props[iface]}])
    return chrc_path


@dbus.service.method(bluez5.BLUEZ_MOCK_IFACE, in_signature='say', out_signature='')
def EmitHubNotification(self, chrc_path, value):
    '''The hub sends one notification.'''
    _notify(mockobject.objects[chrc_path], [int(b) for b in value])


@dbus.service.method(bluez5.BLUEZ_MOCK_IFACE, in_signature='sb', out_signature='')
def SetHubSilent(self, chrc_path, silent):
    '''A silent hub takes writes but answers nothing.'''
    mockobject.objects[chrc_path].silent = bool(silent)


@dbus.service.method(bluez5.BLUEZ_MOCK_IFACE, in_signature='s', out_signature='aay')
def TakeHubWrites(self, chrc_path):
    '''Returns and forgets every value written to the characteristic, oldest first.'''
    chrc = mockobject.objects[chrc_path]
    writes, chrc.writes = chrc.writes, []
    return dbus.Array([dbus.Array([dbus.Byte(b) for b in w], signature='y') for w in writes], signature='ay')
